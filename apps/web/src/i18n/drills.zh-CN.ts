// Simplified Chinese strings of the drills pages (merged into zh-CN.ts). Keys start with 'drills.'.
export const drillsZhCN = {
  'drills.title': '训练',
} as const;

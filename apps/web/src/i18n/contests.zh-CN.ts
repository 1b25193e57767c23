// Simplified Chinese strings of the contests pages (merged into zh-CN.ts). Keys start with 'contests.'.
export const contestsZhCN = {
  'contests.title': '评选',
} as const;

// Simplified Chinese strings of the results pages (merged into zh-CN.ts). Keys start with 'results.'.
export const resultsZhCN = {
  'results.title': '结果',
} as const;

// Simplified Chinese strings of the review pages (merged into zh-CN.ts). Keys start with 'review.'.
export const reviewZhCN = {
  'review.title': '评估',
} as const;

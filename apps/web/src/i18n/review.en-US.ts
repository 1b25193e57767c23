// English strings of the review pages (merged into en-US.ts).
import type { reviewZhCN } from './review.zh-CN.js';

export const reviewEnUS: Record<keyof typeof reviewZhCN, string> = {
  'review.title': 'Review',
};

// English strings of the results pages (merged into en-US.ts).
import type { resultsZhCN } from './results.zh-CN.js';

export const resultsEnUS: Record<keyof typeof resultsZhCN, string> = {
  'results.title': 'Results',
};

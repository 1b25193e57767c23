// English strings of the contests pages (merged into en-US.ts).
import type { contestsZhCN } from './contests.zh-CN.js';

export const contestsEnUS: Record<keyof typeof contestsZhCN, string> = {
  'contests.title': 'Contests',
};

// English strings of the drills pages (merged into en-US.ts).
import type { drillsZhCN } from './drills.zh-CN.js';

export const drillsEnUS: Record<keyof typeof drillsZhCN, string> = {
  'drills.title': 'Drills',
};

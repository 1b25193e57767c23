// English strings of the outbound pages (merged into en-US.ts).
import type { outboundZhCN } from './outbound.zh-CN.js';

export const outboundEnUS: Record<keyof typeof outboundZhCN, string> = {
  'outbound.title': 'Outbound',
};

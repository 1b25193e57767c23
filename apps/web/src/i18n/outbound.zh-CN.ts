// Simplified Chinese strings of the outbound pages (merged into zh-CN.ts). Keys start with 'outbound.'.
export const outboundZhCN = {
  'outbound.title': '外呼',
} as const;

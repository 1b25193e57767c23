// Key-field dictation material made from a scenario's customer facts: what the caller says
// (order number, name, phone, problem) and the four answers the trainee must type.
// Guarantees: deterministic per scenario (masked phone digits are filled from a hash of the
// scenario id); numbers are spoken digit by digit; null when the scenario lacks the facts.
import { createHash } from 'node:crypto';
import type { ResolvedScenario } from '@callsim/call-script';
import type { KeyField } from '@callsim/protocol';

/** One answer of the key-field mode. */
export interface KeyFieldReference {
  id: KeyField;
  text: string;
  /** Compare without spaces (numbers and codes). */
  compact: boolean;
}

/** A key-field dictation: the words spoken and the expected answers. */
export interface KeyFieldMaterial {
  spokenText: string;
  fields: KeyFieldReference[];
}

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** Fills each masked digit (`*`) of a phone number with a digit derived from `seed`. */
export function fillMaskedDigits(phone: string, seed: string): string {
  const hash = createHash('sha256').update(seed).digest();
  let index = 0;
  return phone.replace(/[*＊]/g, () => String((hash[index++ % hash.length] ?? 0) % 10));
}

/** A code read out one character at a time: digits as 一二三 (zh-CN) or "1 2 3" (en-US). */
export function spellOut(code: string, locale: 'zh-CN' | 'en-US'): string {
  const groups = code.split(/[^0-9A-Za-z]+/).filter((g) => g.length > 0);
  if (locale === 'zh-CN') {
    return groups
      .map((group) => Array.from(group, (ch) => (/[0-9]/.test(ch) ? ZH_DIGITS[Number(ch)] : ch)).join(''))
      .join('，');
  }
  return groups.map((group) => Array.from(group).join(' ')).join(', ');
}

/**
 * The key-field material of an inbound scenario whose customer has an order id and a phone
 * number; null otherwise (an inquiry without an order has nothing to take down).
 */
export function keyFieldMaterial(scenario: ResolvedScenario): KeyFieldMaterial | null {
  if (scenario.direction !== 'inbound') return null;
  const facts = scenario.customer.facts ?? {};
  const orderId = facts.orderId;
  const maskedPhone = facts.phone;
  if (typeof maskedPhone !== 'string' || (typeof orderId !== 'string' && typeof orderId !== 'number'))
    return null;
  const order = String(orderId);
  const phone = fillMaskedDigits(maskedPhone, scenario.id);
  const name = scenario.customer.name;
  const problem = scenario.title.replace(/[？?。.!！]+$/u, '');
  const fields: KeyFieldReference[] = [
    { id: 'orderNumber', text: order, compact: true },
    { id: 'name', text: name, compact: false },
    { id: 'phone', text: phone, compact: true },
    { id: 'problem', text: problem, compact: false },
  ];
  const spokenText =
    scenario.locale === 'zh-CN'
      ? `你好，我是${name}。我的订单号是${spellOut(order, 'zh-CN')}。手机号${spellOut(phone, 'zh-CN')}。我要反映的问题是：${problem}。`
      : `Hi, this is ${name}. My order number is ${spellOut(order, 'en-US')}. My phone number is ${spellOut(phone, 'en-US')}. The problem is: ${problem}.`;
  return { spokenText, fields };
}

// Generated customers for a campaign when a teacher has no list: plausible names, masked
// phone numbers, time zones and birthdays for the scenario's locale. Deterministic for a
// seed, so a class can regenerate the same list. Birthdays fall inside the campaign window
// when one is given, so a birthday campaign gets calls to make.
import { localMonthDay } from './customer-time.js';
import { seededFraction } from './dial-outcomes.js';

export interface GeneratedCustomer {
  name: string;
  phone: string;
  timezone: string;
  birthday: string;
  facts: Record<string, string>;
}

const ZH_SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '林',
];
const ZH_TITLES = ['先生', '女士'];
const ZH_LEVELS = ['普通会员', '银卡会员', '金卡会员', '钻石会员'];
const EN_FIRST = [
  'Emma',
  'Liam',
  'Olivia',
  'Noah',
  'Ava',
  'James',
  'Mia',
  'Lucas',
  'Grace',
  'Ethan',
  'Chloe',
  'Henry',
];
const EN_LAST = [
  'Smith',
  'Johnson',
  'Brown',
  'Garcia',
  'Miller',
  'Davis',
  'Wilson',
  'Moore',
  'Clark',
  'Lewis',
];
const EN_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
const EN_LEVELS = ['Basic', 'Silver', 'Gold', 'Platinum'];

export function generateCustomers(
  count: number,
  options: { locale: string; seed: number; window?: { startMs: number; endMs: number; timezone: string } },
): GeneratedCustomer[] {
  let n = 0;
  const rand = () => seededFraction(`${options.seed}:${n++}`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const en = options.locale.startsWith('en');
  const out: GeneratedCustomer[] = [];
  const usedPhones = new Set<string>();
  for (let i = 0; i < count; i++) {
    let phone: string;
    do {
      const tail = String(Math.floor(rand() * 10_000)).padStart(4, '0');
      phone = en
        ? `+1 ${200 + Math.floor(rand() * 700)}-555-${tail}`
        : `1${pick(['3', '5', '8'])}${Math.floor(rand() * 10)}****${tail}`;
    } while (usedPhones.has(phone));
    usedPhones.add(phone);
    const timezone = en ? pick(EN_ZONES) : rand() < 0.85 ? 'Asia/Shanghai' : '+08:00';
    let birthday: string;
    if (options.window) {
      const span = Math.max(0, options.window.endMs - options.window.startMs);
      birthday = localMonthDay(options.window.startMs + Math.floor(rand() * span), options.window.timezone);
    } else {
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      birthday = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
    out.push({
      name: en ? `${pick(EN_FIRST)} ${pick(EN_LAST)}` : `${pick(ZH_SURNAMES)}${pick(ZH_TITLES)}`,
      phone,
      timezone,
      birthday,
      facts: en
        ? { memberLevel: pick(EN_LEVELS), memberSince: String(2015 + Math.floor(rand() * 10)) }
        : { memberLevel: pick(ZH_LEVELS), memberSince: String(2015 + Math.floor(rand() * 10)) },
    });
  }
  return out;
}

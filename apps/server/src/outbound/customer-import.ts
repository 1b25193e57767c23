// A campaign's customer list from CSV: one customer per row. Every row is checked on its
// own; bad rows are reported with their line and field, good rows are imported, so one
// typo never blocks a list. Headers may be English or Chinese; unknown columns become
// facts on the customer card (会员等级, 最近订单…).
import type { CustomerRowProblem } from '@callsim/protocol';
import { AppError } from '@callsim/protocol';
import { parse } from 'csv-parse/sync';
import { normalizeTimezone, parseMonthDay } from './customer-time.js';
import { phoneKey } from './do-not-call.js';

export const CUSTOMER_CSV_MAX_ROWS = 5000;

type Column = 'name' | 'phone' | 'timezone' | 'birthday';

const HEADER_ALIASES: Record<string, Column> = {
  name: 'name',
  customer: 'name',
  姓名: 'name',
  客户: 'name',
  客户姓名: 'name',
  phone: 'phone',
  mobile: 'phone',
  tel: 'phone',
  电话: 'phone',
  手机: 'phone',
  手机号: 'phone',
  电话号码: 'phone',
  timezone: 'timezone',
  tz: 'timezone',
  utcoffset: 'timezone',
  offset: 'timezone',
  时区: 'timezone',
  utc偏移: 'timezone',
  birthday: 'birthday',
  dateofbirth: 'birthday',
  生日: 'birthday',
  出生日期: 'birthday',
};

const PHONE_RE = /^\+?[0-9][0-9 *()-]{4,22}$/;

export interface ImportedCustomer {
  line: number;
  name: string;
  phone: string;
  phoneKey: string;
  timezone: string;
  birthday: string | null;
  facts: Record<string, string>;
}

export interface CustomerCsvResult {
  customers: ImportedCustomer[];
  problems: CustomerRowProblem[];
  skipped: number;
}

export interface CustomerCsvOptions {
  /** Zone of rows that name none. */
  defaultTimezone: string;
  /** Birthday campaigns: a row without a birthday is a problem. */
  birthdayRequired: boolean;
  /** Phone keys already in the campaign. */
  existingPhoneKeys: ReadonlySet<string>;
}

export function parseCustomerCsv(csvText: string, options: CustomerCsvOptions): CustomerCsvResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csvText, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new AppError('CAMPAIGN_CSV_INVALID', 'csv parse failed', {
      details: { reason: (error as Error).message },
    });
  }
  const header = records[0]?.record;
  if (!header || header.every((h) => h === ''))
    throw new AppError('CAMPAIGN_CSV_INVALID', 'empty list', { details: { reason: 'empty file' } });
  const columns = header.map((h) => HEADER_ALIASES[h.toLowerCase().replace(/[\s_-]/g, '')]);
  for (const required of ['name', 'phone'] as const) {
    if (!columns.includes(required))
      throw new AppError('CAMPAIGN_CSV_INVALID', 'missing column', {
        details: { reason: `missing column “${required}” (${required === 'name' ? '姓名' : '电话'})` },
      });
  }
  if (records.length - 1 > CUSTOMER_CSV_MAX_ROWS)
    throw new AppError('CAMPAIGN_CSV_INVALID', 'too many rows', {
      details: { reason: `more than ${CUSTOMER_CSV_MAX_ROWS} rows` },
    });

  const result: CustomerCsvResult = { customers: [], problems: [], skipped: 0 };
  const seen = new Set<string>();
  for (const { record, info } of records.slice(1)) {
    if (record.every((cell) => cell === '')) continue;
    const line = info.lines;
    const cell = (name: Column) => {
      const at = columns.indexOf(name);
      return at >= 0 ? (record[at] ?? '') : '';
    };
    const problems: CustomerRowProblem[] = [];
    const problem = (field: string, code: string, value: string, message: string) =>
      problems.push({ line, field, code, value, message });

    const name = cell('name');
    if (!name) problem('name', 'name.empty', '', 'name is empty');
    else if (name.length > 64)
      problem('name', 'name.long', name.slice(0, 64), 'name longer than 64 characters');

    const phone = cell('phone');
    const key = phoneKey(phone);
    if (!phone) problem('phone', 'phone.empty', '', 'phone is empty');
    else if (!PHONE_RE.test(phone) || key.replace(/\*/g, '').length < 4)
      problem('phone', 'phone.invalid', phone, `invalid phone number “${phone}”`);
    else if (seen.has(key))
      problem('phone', 'phone.duplicate', phone, `“${phone}” appears twice in the file`);
    else if (options.existingPhoneKeys.has(key))
      problem('phone', 'phone.exists', phone, `“${phone}” is already in this campaign`);

    const zoneText = cell('timezone');
    const timezone = zoneText ? normalizeTimezone(zoneText) : options.defaultTimezone;
    if (!timezone)
      problem(
        'timezone',
        'timezone.invalid',
        zoneText,
        `unknown time zone “${zoneText}” (use Asia/Shanghai or +08:00)`,
      );

    const birthdayText = cell('birthday');
    const birthday = birthdayText ? parseMonthDay(birthdayText) : null;
    if (birthdayText && !birthday)
      problem('birthday', 'birthday.invalid', birthdayText, `invalid birthday “${birthdayText}” (MM-DD)`);
    else if (!birthdayText && options.birthdayRequired)
      problem('birthday', 'birthday.missing', '', 'a birthday campaign needs the birthday');

    if (problems.length > 0) {
      result.problems.push(...problems);
      result.skipped++;
      continue;
    }
    seen.add(key);
    const facts: Record<string, string> = {};
    header.forEach((h, i) => {
      const value = record[i] ?? '';
      if (!columns[i] && h && value) facts[h] = value;
    });
    result.customers.push({
      line,
      name,
      phone,
      phoneKey: key,
      timezone: timezone!,
      birthday,
      facts,
    });
  }
  return result;
}

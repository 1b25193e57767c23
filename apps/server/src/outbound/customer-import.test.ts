import { describe, expect, it } from 'vitest';
import { parseCustomerCsv } from './customer-import.js';

const options = {
  defaultTimezone: 'Asia/Shanghai',
  birthdayRequired: false,
  existingPhoneKeys: new Set<string>(),
};

describe('customer CSV import', () => {
  it('imports good rows and reports each bad row with its line and field', () => {
    const csv = [
      '姓名,电话,时区,生日,会员等级',
      '黄阿姨,133-0000-9086,Asia/Shanghai,11月26日,钻石会员',
      ',13800001111,,,',
      '李先生,abc,,,',
      '赵女士,13900002222,Mars/Base,,',
      '"钱先生",13700003333,UTC+8,1988-02-30,',
      '孙先生,133 0000 9086,,,',
      '',
      'Emma Smith,+1 212-555-0101,America/New_York,03-07,Gold',
    ].join('\n');
    const result = parseCustomerCsv(csv, options);
    expect(result.customers.map((c) => [c.line, c.name, c.phoneKey, c.timezone, c.birthday])).toEqual([
      [2, '黄阿姨', '13300009086', 'Asia/Shanghai', '11-26'],
      [9, 'Emma Smith', '12125550101', 'America/New_York', '03-07'],
    ]);
    expect(result.customers[0]!.facts).toEqual({ 会员等级: '钻石会员' });
    expect(result.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [3, 'name', 'name.empty'],
      [4, 'phone', 'phone.invalid'],
      [5, 'timezone', 'timezone.invalid'],
      [6, 'birthday', 'birthday.invalid'],
      [7, 'phone', 'phone.duplicate'],
    ]);
    expect(result.skipped).toBe(5);
  });

  it('needs a birthday in a birthday campaign, and refuses a file without the key columns', () => {
    const result = parseCustomerCsv('name,phone\nAnn,13800001111', { ...options, birthdayRequired: true });
    expect(result.problems[0]).toMatchObject({ line: 2, field: 'birthday', code: 'birthday.missing' });
    expect(() => parseCustomerCsv('name,email\nAnn,a@b.c', options)).toThrow(
      expect.objectContaining({ code: 'CAMPAIGN_CSV_INVALID' }),
    );
  });
});

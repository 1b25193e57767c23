// Gradebook files: CSV (UTF-8 with BOM so Excel shows Chinese names; RFC 4180 quoting)
// and XLSX (exceljs: a "Gradebook" sheet with numeric cells and a "Calls" sheet listing
// every counted call). Headers follow the requester's UI language. Layout of both:
// username, name, one column per scenario, average, calls, pass rate; last row = class.
import type { Locale } from '@callsim/protocol';
import ExcelJS from 'exceljs';
import type { Gradebook } from './gradebook.js';

const HEADERS = {
  'zh-CN': {
    username: '用户名',
    name: '姓名',
    average: '平均分',
    calls: '通话数',
    passRate: '通过率(%)',
    classRow: '全班',
    sheet: '成绩册',
    callsSheet: '通话明细',
    date: '日期',
    scenario: '场景',
    auto: '自动评分',
    human: '人工评分',
    reviews: '评估数',
    final: '最终得分',
    passed: '通过',
    yes: '是',
    no: '否',
  },
  'en-US': {
    username: 'Username',
    name: 'Name',
    average: 'Average',
    calls: 'Calls',
    passRate: 'Pass rate (%)',
    classRow: 'Class',
    sheet: 'Gradebook',
    callsSheet: 'Calls',
    date: 'Date',
    scenario: 'Scenario',
    auto: 'Auto score',
    human: 'Human score',
    reviews: 'Reviews',
    final: 'Final score',
    passed: 'Passed',
    yes: 'yes',
    no: 'no',
  },
} as const;

type Cell = string | number | null;

/** The gradebook as a table of cells (header row first, class row last). */
export function gradebookTable(book: Gradebook, locale: Locale): Cell[][] {
  const h = HEADERS[locale];
  const header: Cell[] = [
    h.username,
    h.name,
    ...book.scenarios.map((s) => s.title),
    h.average,
    h.calls,
    h.passRate,
  ];
  const rows: Cell[][] = book.rows.map((r) => [
    r.username,
    r.displayName,
    ...book.scenarios.map((s) => r.cells[s.id]?.meanPct ?? null),
    r.meanPct,
    r.calls,
    r.passRatePct,
  ]);
  const classRow: Cell[] = [
    h.classRow,
    book.className,
    ...book.scenarios.map((s) => book.scenarioMeans[s.id] ?? null),
    book.classMeanPct,
    book.calls.length,
    book.classPassRatePct,
  ];
  return [header, ...rows, classRow];
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  // A leading = + - @ would make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The gradebook as CSV text (with a BOM, CRLF line ends). */
export function gradebookCsv(book: Gradebook, locale: Locale): string {
  return `\uFEFF${gradebookTable(book, locale)
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')}\r\n`;
}

/** The gradebook as an XLSX workbook. */
export async function gradebookXlsx(book: Gradebook, locale: Locale): Promise<Buffer> {
  const h = HEADERS[locale];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'callsim';
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet(h.sheet, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const table = gradebookTable(book, locale);
  for (const row of table) sheet.addRow(row.map((v) => (v === null ? null : v)));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(table.length).font = { bold: true };
  const firstNumberColumn = 3;
  for (let c = firstNumberColumn; c <= (table[0]?.length ?? 0); c++) {
    const column = sheet.getColumn(c);
    column.numFmt = c === firstNumberColumn + book.scenarios.length + 1 ? '0' : '0.0';
    column.width = 14;
  }
  sheet.getColumn(1).width = 16;
  sheet.getColumn(2).width = 16;

  const calls = workbook.addWorksheet(h.callsSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  calls.addRow([h.date, h.username, h.name, h.scenario, h.auto, h.human, h.reviews, h.final, h.passed]);
  calls.getRow(1).font = { bold: true };
  for (const c of book.calls) {
    calls.addRow([
      new Date(c.createdAtMs),
      c.username,
      c.displayName,
      c.scenarioTitle,
      c.autoScore,
      c.humanScorePct,
      c.reviewCount,
      c.finalPct,
      c.passed ? h.yes : h.no,
    ]);
  }
  calls.getColumn(1).numFmt = 'yyyy-mm-dd hh:mm';
  calls.getColumn(1).width = 18;
  calls.getColumn(4).width = 24;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

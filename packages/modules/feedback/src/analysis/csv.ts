// CSV export for the analysis screens. Excel opens a CSV as UTF-8 only when the file starts with a
// byte-order mark, otherwise Chinese turns into mojibake; lines end in CRLF (RFC 4180).
//
// CSV injection (OWASP): a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
// return, which Excel skips before reading the formula) as a formula. Every text cell starting with
// one of those is prefixed with a single quote, so it shows as the text the customer typed. Numbers
// are written as numbers: −5 is a value, not a formula.
import { assert } from '@zulin/kernel';
import { FeedbackLimits } from '../limits';

export type CsvCell = string | number | null;

const BOM = '\uFEFF';
const formulaStart = /^[=+\-@\t\r]/;

/** One cell: neutralised if it could be a formula, quoted if it holds a quote, comma or line break. */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    assert(Number.isFinite(value), 'a CSV number is finite');
    return String(value);
  }
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: BOM, header, rows, CRLF after every line. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  assert(rows.length <= FeedbackLimits.csvRowsMax, 'at most csvRowsMax rows');
  const lines = [header, ...rows].map((row, index) => {
    assert(row.length === header.length, `row ${index} has as many cells as the header`);
    return row.map(csvCell).join(',');
  });
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

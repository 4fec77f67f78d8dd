// A one-sheet Excel workbook (Office Open XML, .xlsx) of a table as people see it: the header row
// bold and frozen, money cells ("¥1,234.56", "-¥50.00") written as numbers in a ¥ format so that
// Excel sums them, every other cell as text — ids, phones and IMEIs keep their leading zeros and
// their digits; a count that is no money (points) given as `{ integer }` is a number in a #,##0
// format. The console exports its lists through this; it loads only when someone exports.
import { strToU8, zipSync } from 'fflate';

/** A cell as shown: its text (money is recognised from its ¥ form), or a whole count such as points. */
export type SheetCell = string | { integer: number };

/** At most this many rows in one export (Excel's own limit is 1,048,576). */
export const xlsxMaxRows = 100_000;

const MONEY = /^([-−])?\s*¥\s?(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?$/;

/**
 * The amount of a money text in yuan as an exact decimal string ("-1234.56"), or null when the
 * text is not one amount of money.
 */
export function moneyCellValue(text: string): string | null {
  const match = MONEY.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = '0', cents = ''] = match;
  const digits = whole.replaceAll(',', '').replace(/^0+(?=\d)/, '');
  const fraction = cents.padEnd(2, '0');
  const negative = sign !== undefined && (digits !== '0' || fraction !== '00');
  return `${negative ? '-' : ''}${digits}.${fraction}`;
}

function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest escaped.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: those are what it removes
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return clean.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The column letters of a zero-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    name = String.fromCharCode(65 + rest) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

function cellXml(ref: string, cell: SheetCell, header: boolean): string {
  if (typeof cell !== 'string') {
    if (!Number.isSafeInteger(cell.integer)) throw new RangeError(`Not a whole number: ${cell.integer}`);
    return `<c r="${ref}" s="3"><v>${cell.integer}</v></c>`;
  }
  const text = cell;
  if (!header) {
    const money = moneyCellValue(text);
    if (money !== null) return `<c r="${ref}" s="2"><v>${money}</v></c>`;
  }
  if (text === '') return '';
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"${header ? ' s="1"' : ''}><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
// Style 0: default; 1: bold header; 2: money, two decimals with the yuan sign; 3: a whole count (#,##0).
const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;¥&quot;#,##0.00;-&quot;¥&quot;#,##0.00"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  const clean = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim()
    .slice(0, 31);
  return clean === '' ? 'Sheet1' : clean;
}

/** The bytes of a workbook with one sheet: the header row, then the rows. */
export function buildXlsx(options: { sheet: string; header: string[]; rows: SheetCell[][] }): Uint8Array {
  if (options.rows.length > xlsxMaxRows) throw new RangeError(`At most ${xlsxMaxRows} rows can be exported.`);
  const lines = [options.header, ...options.rows].map((cells, r) => {
    const xml = cells.map((text, c) => cellXml(`${columnName(c)}${r + 1}`, text, r === 0)).join('');
    return `<row r="${r + 1}">${xml}</row>`;
  });
  const widths = options.header.map((_, c) => {
    const longest = Math.max(
      ...[options.header, ...options.rows].map((row) => {
        const cell = row[c] ?? '';
        return displayWidth(typeof cell === 'string' ? cell : cell.integer.toLocaleString('en'));
      }),
    );
    return `<col min="${c + 1}" max="${c + 1}" width="${Math.min(60, Math.max(8, longest + 2))}" customWidth="1"/>`;
  });
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>${widths.length > 0 ? `<cols>${widths.join('')}</cols>` : ''}<sheetData>${lines.join('')}</sheetData></worksheet>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName(options.sheet))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  return zipSync({
    '[Content_Types].xml': strToU8(contentTypes),
    '_rels/.rels': strToU8(rootRels),
    'xl/workbook.xml': strToU8(workbook),
    'xl/_rels/workbook.xml.rels': strToU8(workbookRels),
    'xl/styles.xml': strToU8(styles),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  });
}

/** Column width in Excel's character units: a CJK character counts two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return width;
}

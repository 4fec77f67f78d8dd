// The contract as a PDF, drawn with pdfkit and the Noto Sans SC font from npm, embedded as a subset
// (as the wallet statements do), so the Chinese text extracts as written. The draft carries the
// template's title, the parties' references, the economic terms (installments: the APR first and
// largest), the schedule when given, and the clauses. The signed copy adds a last page with the
// signature (drawn image or typed name), the time, the signer's masked identity and the draft's
// SHA-256, and is then sealed (seal-pdf.ts).
import { createRequire } from 'node:module';
import { formatCny } from '@zulin/kernel';
import {
  type ContractLocale,
  type ContractTemplate,
  type TemplateDefinition,
  type TermField,
  templates,
} from './templates';

/** pdfkit loads when the first PDF is drawn, not when the server starts (issue #10). */
const loadPdfKit = async () => (await import('pdfkit')).default;

function fontPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
}

function formatBps(bps: number): string {
  return `${(bps / 100).toFixed(2)}%`;
}

export function formatTerm(field: Pick<TermField, 'format'>, value: unknown, locale: ContractLocale): string {
  if (field.format === 'money' && typeof value === 'number' && Number.isSafeInteger(value))
    return formatCny(value, locale);
  if (field.format === 'bps' && typeof value === 'number' && Number.isSafeInteger(value)) return formatBps(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const text = {
  'zh-CN': {
    contractNo: '合同编号',
    version: '版本',
    template: '模板',
    customer: '客户编号',
    subject: '业务编号',
    terms: '经济条款',
    schedule: '还款/付款计划',
    period: '期数',
    dueDate: '应付日',
    amount: '金额',
    clauses: '条款',
    other: '其他约定',
    signatureTitle: '签署页',
    signer: '签署人',
    signedAt: '签署时间',
    method: '签署方式',
    drawn: '手写签名',
    typed: '输入姓名',
    consent: '意愿确认',
    consentText: '短信验证码（与本合同文件哈希绑定）已核验',
    provider: '电子签名服务商签署（实名认证 + 意愿认证）',
    providerConsent: '服务商已核验实名与签署意愿',
    flow: '签署流程',
    documentHash: '合同文件 SHA-256',
    termsHash: '经济条款 SHA-256',
    colon: '：',
    sealNote: '本文件已加盖平台电子印章（PDF 签名），任何改动都会使印章失效。',
  },
  en: {
    contractNo: 'Contract no.',
    version: 'Version',
    template: 'Template',
    customer: 'Customer',
    subject: 'Reference',
    terms: 'Economic terms',
    schedule: 'Payment schedule',
    period: 'Period',
    dueDate: 'Due date',
    amount: 'Amount',
    clauses: 'Clauses',
    other: 'Other terms',
    signatureTitle: 'Signature page',
    signer: 'Signer',
    signedAt: 'Signed at',
    method: 'Signature',
    drawn: 'Drawn',
    typed: 'Typed name',
    consent: 'Consent',
    consentText: "SMS code bound to this document's hash checked",
    provider: 'Signed through a licensed e-signature provider (real name + willingness)',
    providerConsent: "The provider checked the signer's real name and will to sign",
    flow: 'Signing flow',
    documentHash: 'Document SHA-256',
    termsHash: 'Terms SHA-256',
    colon: ': ',
    sealNote: "This file carries the platform's electronic seal (a PDF signature); any change breaks the seal.",
  },
} as const;

export interface ContractDocument {
  contractId: string;
  version: number;
  template: ContractTemplate;
  locale: ContractLocale;
  customerId: string;
  subject: { kind: string; id: string };
  terms: Record<string, unknown>;
  termsHash: string;
  createdAt: Date;
}

export interface SignatureBlock {
  signerMasked: string;
  signedAtText: string;
  documentHash: string;
  signature:
    | { kind: 'drawn'; png: Buffer }
    | { kind: 'typed'; name: string }
    | { kind: 'provider'; provider: string; flowId: string; willingness: string | null };
}

type ScheduleRow = { period: unknown; dueDate: unknown; amount: unknown };

function scheduleOf(terms: Record<string, unknown>): ScheduleRow[] {
  const schedule = terms.schedule;
  if (!Array.isArray(schedule)) return [];
  return schedule.map((row: Record<string, unknown>) => ({
    period: row.period,
    dueDate: row.dueDate,
    amount: row.paymentMinor ?? row.amountMinor ?? row.rentMinor,
  }));
}

function drawTerms(doc: PDFKit.PDFDocument, def: TemplateDefinition, d: ContractDocument): void {
  const t = text[d.locale];
  if (def.headline && d.terms[def.headline.key] !== undefined) {
    doc.moveDown(0.5).fontSize(12).fillColor('#000').text(def.headline.label[d.locale]);
    doc
      .fontSize(28)
      .fillColor('#b00020')
      .text(formatTerm(def.headline, d.terms[def.headline.key], d.locale));
    doc.fillColor('#000');
  }
  doc.moveDown(0.5).fontSize(13).text(t.terms);
  doc.fontSize(10);
  const named = new Set(['schedule', ...(def.headline ? [def.headline.key] : []), ...def.fields.map((x) => x.key)]);
  for (const field of def.fields) {
    if (d.terms[field.key] === undefined) continue;
    doc.text(`${field.label[d.locale]}${t.colon}${formatTerm(field, d.terms[field.key], d.locale)}`);
  }
  const others = Object.keys(d.terms)
    .filter((k) => !named.has(k))
    .sort();
  if (others.length > 0) {
    doc.moveDown(0.3).fontSize(11).text(t.other).fontSize(9);
    for (const key of others) {
      const format = key.endsWith('Minor') ? 'money' : key.endsWith('Bps') ? 'bps' : 'text';
      doc.text(`${key}: ${formatTerm({ format }, d.terms[key], d.locale)}`);
    }
  }
}

function drawSchedule(doc: PDFKit.PDFDocument, d: ContractDocument): void {
  const rows = scheduleOf(d.terms);
  if (rows.length === 0) return;
  const t = text[d.locale];
  doc.moveDown(0.6).fontSize(13).text(t.schedule, 48);
  doc.fontSize(9);
  const columns = [48, 120, 260];
  const line = (cells: string[]) => {
    if (doc.y > 770) doc.addPage();
    const y = doc.y;
    for (const [i, cell] of cells.entries()) doc.text(cell, columns[i], y, { width: 130, lineBreak: false });
    doc.x = 48;
    doc.y = y + 14;
  };
  line([t.period, t.dueDate, t.amount]);
  for (const row of rows) {
    line([
      String(row.period ?? ''),
      String(row.dueDate ?? ''),
      typeof row.amount === 'number' ? formatCny(row.amount, d.locale) : '',
    ]);
  }
}

function drawSignaturePage(doc: PDFKit.PDFDocument, d: ContractDocument, s: SignatureBlock): void {
  const t = text[d.locale];
  doc.addPage();
  doc.fontSize(16).text(t.signatureTitle);
  doc.moveDown(0.5).fontSize(10);
  doc.text(`${t.contractNo}${t.colon}${d.contractId}    ${t.version}${t.colon}${d.version}`);
  doc.text(`${t.signer}${t.colon}${s.signerMasked}`);
  doc.text(`${t.signedAt}${t.colon}${s.signedAtText}`);
  const sig = s.signature;
  doc.text(`${t.consent}${t.colon}${sig.kind === 'provider' ? t.providerConsent : t.consentText}`);
  doc.text(`${t.method}${t.colon}${sig.kind === 'drawn' ? t.drawn : sig.kind === 'typed' ? t.typed : t.provider}`);
  doc.moveDown(0.5);
  const top = doc.y;
  doc.rect(48, top, 260, 110).strokeColor('#888').stroke();
  if (sig.kind === 'drawn') {
    doc.image(sig.png, 56, top + 8, { fit: [244, 94] });
  } else if (sig.kind === 'typed') {
    doc.fontSize(30).text(sig.name, 60, top + 35, { width: 240 });
  } else {
    doc.fontSize(10).text(`${sig.provider}`, 60, top + 20, { width: 240 });
    doc.text(`${t.flow}${t.colon}${sig.flowId}`, { width: 240 });
    if (sig.willingness) doc.text(`${t.consent}${t.colon}${sig.willingness.toUpperCase()}`, { width: 240 });
  }
  doc.fontSize(9).fillColor('#000');
  doc.x = 48;
  doc.y = top + 122;
  doc.text(`${t.documentHash}${t.colon}`);
  doc.font('Courier').text(s.documentHash).font('cjk');
  doc.text(`${t.termsHash}${t.colon}`);
  doc.font('Courier').text(d.termsHash).font('cjk');
  doc.moveDown(0.5).text(t.sealNote);
}

/** The contract PDF: the draft, or with `signature` the signed copy (before its seal). */
export async function renderContractPdf(d: ContractDocument, signature?: SignatureBlock): Promise<Buffer> {
  const def = templates[d.template];
  const t = text[d.locale];
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `${def.title.en} ${d.contractId}`, CreationDate: d.createdAt, ModDate: d.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('cjk', fontPath());
  doc.font('cjk');
  doc.fontSize(20).text(def.title[d.locale], { align: 'center' });
  doc.moveDown(0.5).fontSize(9).fillColor('#333');
  doc.text(
    `${t.contractNo}${t.colon}${d.contractId}    ${t.version}${t.colon}${d.version}    ${t.template}${t.colon}${d.template} v${def.version}`,
  );
  doc.text(`${t.customer}${t.colon}${d.customerId}    ${t.subject}${t.colon}${d.subject.kind} ${d.subject.id}`);
  doc.fillColor('#000');
  drawTerms(doc, def, d);
  drawSchedule(doc, d);
  doc.moveDown(0.8).fontSize(13).text(t.clauses, 48);
  doc.fontSize(10);
  def.clauses[d.locale].forEach((clause, i) => {
    doc.text(`${i + 1}. ${clause}`, { paragraphGap: 4 });
  });
  if (signature) drawSignaturePage(doc, d, signature);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

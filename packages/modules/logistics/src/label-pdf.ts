// The shipping label (电子面单): 100 × 150 mm, the size thermal label printers take. It carries what a
// courier reads at a glance — the sort code in large type, the waybill as a Code 128 barcode and in
// digits, the recipient — and what the recipient needs, while masking the names and phone numbers
// (隐私面单). Text is set in Noto Sans SC, embedded as a subset by pdfkit, as the wallet's statements are.
import { createRequire } from 'node:module';
import { formatCny } from '@zulin/kernel';
import bwipjs from 'bwip-js/node';
import { fullAddressLine, maskName, maskPhone } from './address';
import { beijingWallTime } from './beijing-time';
import type { Address, Parcel, Text } from './carrier';

/** pdfkit loads when the first PDF is drawn, not when the server starts (issue #10). */
const loadPdfKit = async () => (await import('pdfkit')).default;

export interface LabelContent {
  carrierName: Text;
  serviceName: Text;
  waybillNo: string;
  sortCode: string;
  recipient: Address;
  sender: Address;
  parcel: Parcel;
  remark: string;
  orderRef: string;
  printedAt: Date;
  /** A short line at the foot, e.g. where to collect the parcel. */
  notice: Text;
}

const mm = (x: number) => (x * 72) / 25.4;
const pageWidth = mm(100);
const pageHeight = mm(150);
const margin = mm(3);

function fontPath(weight: '400Regular' | '700Bold'): string {
  const require = createRequire(import.meta.url);
  return require.resolve(`@expo-google-fonts/noto-sans-sc/${weight}/NotoSansSC_${weight}.ttf`);
}

/** "ZS000000175CN" → "ZS 0000 0017 5 CN", easier to read out over the phone. */
export function spacedWaybillNo(waybillNo: string): string {
  const m = /^([A-Z]{2})([0-9]{4})([0-9]{4})([0-9])([A-Z]{2})$/.exec(waybillNo);
  return m ? `${m[1]} ${m[2]} ${m[3]} ${m[4]} ${m[5]}` : waybillNo;
}

export async function renderLabelPdf(label: LabelContent): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: [pageWidth, pageHeight],
    margin: 0,
    info: { Title: `Waybill ${label.waybillNo}`, CreationDate: label.printedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('regular', fontPath('400Regular'));
  doc.registerFont('bold', fontPath('700Bold'));
  const width = pageWidth - 2 * margin;
  const rule = (y: number) =>
    doc
      .moveTo(margin, y)
      .lineTo(pageWidth - margin, y)
      .lineWidth(0.8)
      .strokeColor('#000')
      .stroke();

  doc
    .font('bold')
    .fontSize(13)
    .text(label.carrierName['zh-CN'], margin, margin, { width: width * 0.6, lineBreak: false });
  doc
    .font('regular')
    .fontSize(7)
    .text(label.carrierName.en, margin, margin + 17, { width: width * 0.6, lineBreak: false });
  doc
    .font('bold')
    .fontSize(10)
    .text(label.serviceName['zh-CN'], margin, margin + 2, { width, align: 'right', lineBreak: false });
  doc
    .font('regular')
    .fontSize(7)
    .text(label.serviceName.en, margin, margin + 17, { width, align: 'right', lineBreak: false });
  rule(mm(13));
  doc.font('bold').fontSize(26).text(label.sortCode, margin, mm(14), { width, align: 'center', lineBreak: false });
  rule(mm(25.5));
  drawCode128(doc, label.waybillNo, { x: margin + mm(4), y: mm(27.5), width: width - mm(8), height: mm(14) });
  doc
    .font('bold')
    .fontSize(11)
    .text(spacedWaybillNo(label.waybillNo), margin, mm(42.5), { width, align: 'center', lineBreak: false });
  rule(mm(49));
  party(doc, { mark: '收', y: mm(50.5), address: label.recipient, large: true });
  rule(mm(76));
  party(doc, { mark: '寄', y: mm(77.5), address: label.sender, large: false });
  rule(mm(95));
  const contents = `内容 Contents：${label.parcel.contents}    重量 Weight：${(label.parcel.weightGrams / 1000).toFixed(2)} kg`;
  doc.font('regular').fontSize(8).text(contents, margin, mm(96.5), { width, lineBreak: false });
  const insured = `保价 Insured：${formatCny(label.parcel.declaredValueMinor, 'zh-CN')}    订单 Order：${label.orderRef}`;
  doc.text(insured, margin, mm(100.5), { width, lineBreak: false });
  doc.text(`备注 Remark：${label.remark || '—'}`, margin, mm(104.5), { width, height: mm(8), ellipsis: true });
  rule(mm(113));
  doc.font('bold').fontSize(9).text(label.notice['zh-CN'], margin, mm(115), { width });
  doc.font('regular').fontSize(7).text(label.notice.en, margin, mm(120), { width });
  doc.fontSize(6).fillColor('#444');
  doc.text(`打印时间 Printed ${beijingWallTime(label.printedAt)} (UTC+8)`, margin, pageHeight - margin - 8, {
    width,
    lineBreak: false,
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function party(doc: PDFKit.PDFDocument, p: { mark: string; y: number; address: Address; large: boolean }): void {
  const box = mm(8);
  doc.rect(margin, p.y, box, box).lineWidth(0.8).stroke();
  doc
    .font('bold')
    .fontSize(14)
    .text(p.mark, margin, p.y + mm(1), { width: box, align: 'center', lineBreak: false });
  const x = margin + box + mm(2);
  const width = pageWidth - margin - x;
  doc.font('bold').fontSize(p.large ? 12 : 9);
  doc.text(`${maskName(p.address.name)}  ${maskPhone(p.address.phone)}`, x, p.y, { width, lineBreak: false });
  doc.font('regular').fontSize(p.large ? 10 : 8);
  doc.text(fullAddressLine(p.address), x, p.y + (p.large ? mm(6) : mm(4.5)), {
    width,
    height: p.large ? mm(19) : mm(12),
    ellipsis: true,
  });
}

/** Draws a Code 128 barcode as vector bars, from bwip-js's encoding (alternating bar and space widths). */
function drawCode128(
  doc: PDFKit.PDFDocument,
  value: string,
  box: { x: number; y: number; width: number; height: number },
): void {
  const [encoded] = bwipjs.raw('code128', value, {}) as { sbs: number[] }[];
  const widths = encoded?.sbs ?? [];
  const modules = widths.reduce((sum, w) => sum + w, 0);
  const moduleWidth = box.width / modules;
  let x = box.x;
  for (const [i, w] of widths.entries()) {
    if (i % 2 === 0) doc.rect(x, box.y, w * moduleWidth, box.height).fill('#000');
    x += w * moduleWidth;
  }
}

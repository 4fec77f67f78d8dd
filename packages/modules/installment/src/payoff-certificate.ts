// The pay-off certificate (结清证明, issue #15): once an order is paid off and its phone is the
// customer's, the customer downloads a PDF that states the order, the phone (model and IMEI), what was
// paid over the order's life — principal (the down payment included), interest, fees, penalty and the
// total, each the sum of the paid parts of the order's bill lines as billing allocated them — and the
// dates. Drawn with pdfkit and the Noto Sans SC font, as wallet statements and contracts are, so the
// text (IMEI, amounts) extracts with pdftotext.
import { createRequire } from 'node:module';
import { getBills } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import { assert, formatCny, localDateTimeOf, sumMinor } from '@zulin/kernel';
import type { InstallmentDeps } from './deps';
import { InstallmentErrors } from './errors';
import { deviceNameOf, type InstallmentOrderRow, orderBills } from './orders';

/** pdfkit loads when the first PDF is drawn, not when the server starts. */
const loadPdfKit = async () => (await import('pdfkit')).default;

export interface PayoffCertificate {
  orderId: string;
  deviceName: string;
  imei: string;
  priceMinor: number;
  downPaymentMinor: number;
  termMonths: number;
  activatedOn: string;
  paidOffOn: string;
  ownershipTransferredAt: string;
  /** Paid over the order's life, by kind of bill line. */
  paid: { principalMinor: number; interestMinor: number; feeMinor: number; penaltyMinor: number; totalMinor: number };
}

/** What the certificate states, read in one consistent pass over the order's bills. */
export async function payoffCertificate(
  db: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  order: InstallmentOrderRow,
): Promise<PayoffCertificate> {
  if (order.status !== 'paid_off' || order.ownershipTransferredAt === null) {
    throw InstallmentErrors.INSTALLMENT_CERTIFICATE_NOT_READY({
      detail:
        order.status === 'paid_off'
          ? 'The order is paid off; the certificate is issued once the phone has shipped.'
          : `The order is ${order.status}.`,
    });
  }
  assert(order.imei !== null && order.activatedOn !== null && order.paidOffOn !== null, 'a transferred order shipped');
  const rows = await orderBills(db, order.id);
  const bills = await getBills(
    db,
    deps,
    rows.map((r) => r.billId),
  );
  const lines = [...bills.values()].flatMap((b) => b.lines);
  const paidOf = (kinds: readonly string[]) =>
    sumMinor(lines.filter((l) => kinds.includes(l.kind)).map((l) => l.paidMinor));
  const principalMinor = paidOf(['principal']);
  const interestMinor = paidOf(['interest']);
  const feeMinor = paidOf(['fee']);
  const penaltyMinor = paidOf(['penalty']);
  const totalMinor = sumMinor(lines.map((l) => l.paidMinor));
  assert(
    totalMinor === principalMinor + interestMinor + feeMinor + penaltyMinor,
    'installment bills carry principal, interest, fee and penalty lines only',
  );
  return {
    orderId: order.id,
    deviceName: await deviceNameOf(db, order.skuId),
    imei: order.imei,
    priceMinor: order.priceMinor,
    downPaymentMinor: order.downPaymentMinor,
    termMonths: order.offerTerms.termMonths,
    activatedOn: order.activatedOn,
    paidOffOn: order.paidOffOn,
    ownershipTransferredAt: localDateTimeOf(order.ownershipTransferredAt, deps.timeZone),
    paid: { principalMinor, interestMinor, feeMinor, penaltyMinor, totalMinor },
  };
}

function fontPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
}

/** The certificate as an A4 PDF in Chinese with English under each label. */
export async function payoffCertificatePdf(
  c: PayoffCertificate,
  options: { now: Date; issuedOn: string },
): Promise<Buffer> {
  const yuan = (minor: number) => formatCny(minor, 'zh-CN');
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `Zulin payoff certificate ${c.orderId}`, CreationDate: options.now },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('cjk', fontPath());
  doc.font('cjk');
  doc.fontSize(22).text('结清证明', { align: 'center' });
  doc.fontSize(11).fillColor('#555').text('Payoff certificate', { align: 'center' });
  doc.moveDown(1).fillColor('#000').fontSize(11);
  doc.text(
    `兹证明，订单 ${c.orderId} 项下的分期购机款项已全部结清，以下手机的所有权已于 ${c.ownershipTransferredAt} 转移给客户。`,
  );
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(
      `This certifies that installment order ${c.orderId} is paid in full and the phone below became the customer's on ${c.ownershipTransferredAt}.`,
    );
  doc.moveDown(1).fillColor('#000');
  const row = (label: string, value: string) => {
    const top = doc.y;
    doc.fontSize(11).fillColor('#333').text(label, 56, top, { width: 220 });
    doc.fillColor('#000').text(value, 290, top, { width: 250 });
    doc.moveDown(0.4);
  };
  row('订单号 Order', c.orderId);
  row('手机 Phone', c.deviceName);
  row('IMEI', c.imei);
  row('售价 Price', yuan(c.priceMinor));
  row('首付 Down payment', yuan(c.downPaymentMinor));
  row('分期期数 Term', `${c.termMonths} 期`);
  row('起始日 Started', c.activatedOn);
  row('结清日 Paid off', c.paidOffOn);
  doc.moveDown(0.6).fontSize(13).text('已付款项 Amounts paid', 56);
  doc.moveDown(0.3);
  row('本金 Principal', yuan(c.paid.principalMinor));
  row('利息 Interest', yuan(c.paid.interestMinor));
  row('手续费 Fees', yuan(c.paid.feeMinor));
  row('罚息 Penalty', yuan(c.paid.penaltyMinor));
  row('合计 Total', yuan(c.paid.totalMinor));
  doc.fontSize(9).fillColor('#555').text('本金含首付。Principal includes the down payment.', 56);
  doc.moveDown(1.2).fontSize(9).fillColor('#555');
  doc.text(`出具日期 Issued on ${options.issuedOn} · Zulin 租赁`, 56);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

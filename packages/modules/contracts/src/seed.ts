// Demo contracts (sandbox only), made through the real use cases on identity's demo customers so the
// console and the H5 app have content and the evidence chain holds real entries on a fresh start:
// 小李 signed a rental (drawn-up in Chinese, typed signature), +8613700137000 signed an installment
// purchase in English, and 小张 has an installment contract awaiting signature. Each signing asks
// for the SMS code, reads it back from the sandbox SMS box as a customer would read their phone,
// counts the try and signs, so the entries are the same as a live signing's. A customer signs at
// most one demo contract: the code's one-send-a-minute rule would refuse a second. Running the seed
// again changes nothing (the contracts are found by their demo order ids).
import { transaction } from '@zulin/db';
import { findCustomerIdByPhone, listSandboxSmsOfCustomer } from '@zulin/identity';
import { addDays, today } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import type { ContractsDeps } from './deps';
import { type ContractSubjectKind, draftContract } from './draft-contract';
import { sealOf } from './runtime';
import { contractsContracts } from './schema';
import { claimSigningTry, requestSigningCode, signContract } from './sign-contract';
import type { ContractLocale, ContractTemplate } from './templates';

interface DemoContract {
  phone: string;
  subject: { kind: ContractSubjectKind; id: string };
  template: ContractTemplate;
  locale: ContractLocale;
  terms: (startDate: string) => Record<string, unknown>;
  /** The typed signature, or none: the contract stays awaiting signature. */
  signAs: string | null;
}

export const demoContracts: DemoContract[] = [
  {
    phone: '+8613900139000',
    subject: { kind: 'rental', id: 'demo-rental-li' },
    template: 'rental',
    locale: 'zh-CN',
    terms: (startDate) => ({
      productName: 'iPhone 16 128GB 黑色',
      months: 12,
      rentMinor: 29_900,
      depositMinor: 200_000,
      depositWaivedMinor: 200_000,
      buyoutAtEndMinor: 120_000,
      earlyReturnFeeMinor: 59_800,
      startDate,
    }),
    signAs: '李四',
  },
  {
    phone: '+8613700137000',
    subject: { kind: 'installment', id: 'demo-installment-wang' },
    template: 'installment',
    locale: 'en',
    terms: (startDate) => ({
      productName: 'Huawei Mate 70 Pro 512GB',
      aprBps: 1_268,
      principalMinor: 599_900,
      termMonths: 12,
      paymentMinor: 53_300,
      totalInterestMinor: 39_700,
      totalFeeMinor: 0,
      totalPaymentMinor: 639_600,
      firstDueDate: startDate,
    }),
    signAs: 'Wang Wu',
  },
  {
    phone: '+8613800138000',
    subject: { kind: 'installment', id: 'demo-installment-zhang' },
    template: 'installment',
    locale: 'zh-CN',
    terms: (startDate) => ({
      productName: 'iPhone 16 Pro 256GB 黑色钛金属',
      aprBps: 1_268,
      principalMinor: 799_900,
      termMonths: 12,
      paymentMinor: 71_070,
      totalInterestMinor: 52_940,
      totalFeeMinor: 0,
      totalPaymentMinor: 852_840,
      firstDueDate: startDate,
    }),
    signAs: null,
  },
];

export async function seedContracts(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const db = ctx.database.db;
  const deps: ContractsDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  const startDate = addDays(today(ctx.clock, ctx.config.timeZone), 30);
  let created = 0;
  for (const demo of demoContracts) {
    const [exists] = await db
      .select({ id: contractsContracts.id })
      .from(contractsContracts)
      .where(eq(contractsContracts.subjectId, demo.subject.id))
      .limit(1);
    if (exists) continue;
    const customerId = await findCustomerIdByPhone(db, ctx.config.masterKey, demo.phone);
    if (!customerId) continue;
    const drafted = await transaction(ctx.database, (tx) =>
      draftContract(tx, deps, {
        customerId,
        subject: demo.subject,
        template: demo.template,
        locale: demo.locale,
        terms: demo.terms(startDate),
      }),
    );
    created++;
    if (demo.signAs === null) continue;
    await transaction(ctx.database, (tx) =>
      requestSigningCode(tx, deps, { customerId, contractId: drafted.contractId }),
    );
    const sms = await listSandboxSmsOfCustomer(db, ctx.config.masterKey, customerId);
    const code = sms.find((m) => m.text.includes(drafted.contractId))?.code;
    if (!code) throw new Error(`the signing code for demo contract ${drafted.contractId} was not sent`);
    const codeTry = await claimSigningTry(ctx.database, deps, customerId);
    const seal = await sealOf(ctx, db);
    await transaction(ctx.database, (tx) =>
      signContract(
        tx,
        { ...deps, seal },
        {
          customerId,
          contractId: drafted.contractId,
          code,
          codeTry,
          signature: { kind: 'typed', name: demo.signAs as string },
        },
      ),
    );
  }
  return { created };
}

// Adds a funder partner (资金方): its name, its share of the financed principal and of the interest,
// and its payable in the ledger (2210, one per funder). Audited.
import { type Executor, transaction } from '@zulin/db';
import type { AuditActor } from '@zulin/identity';
import { recordAudit } from '@zulin/identity';
import { type Clock, newId } from '@zulin/kernel';
import { partnerAccount } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import { InstallmentErrors } from './errors';
import { FieldProblems, isIntegerIn } from './field-problems';
import { type FunderView, listFunders } from './funders';
import { BPS } from './funders-split';
import { InstallmentLimits } from './limits';
import { installmentFunders } from './schema';

export interface NewFunder {
  name: string;
  principalShareBps: number;
  interestShareBps: number;
}

export async function createFunder(
  tx: Executor,
  deps: { clock: Clock },
  options: { input: NewFunder; actor: AuditActor; actorId: string },
): Promise<FunderView> {
  const { input, actor } = options;
  const name = input.name.trim();
  const problems = new FieldProblems();
  problems.check(
    name.length >= 1 && name.length <= InstallmentLimits.funderNameLengthMax,
    '/body/name',
    `A name of 1–${InstallmentLimits.funderNameLengthMax} characters.`,
  );
  problems.check(
    isIntegerIn(input.principalShareBps, 1, BPS),
    '/body/principalShareBps',
    'A share of 1–10,000 bps (0.01 %–100 %).',
  );
  problems.check(isIntegerIn(input.interestShareBps, 0, BPS), '/body/interestShareBps', 'A share of 0–10,000 bps.');
  problems.throwIfAny(InstallmentErrors.INSTALLMENT_FUNDER_INVALID);
  const [same] = await tx
    .select({ id: installmentFunders.id })
    .from(installmentFunders)
    .where(eq(installmentFunders.name, name));
  if (same) throw InstallmentErrors.INSTALLMENT_FUNDER_NAME_TAKEN({ detail: `${name} is ${same.id}.` });
  const now = deps.clock.now();
  const id = newId('fnd', deps.clock);
  await transaction(tx, async (sp) => {
    const payable = await partnerAccount(sp, deps.clock, id, 'funder_payable', name);
    await sp.insert(installmentFunders).values({
      id,
      name,
      principalShareBps: input.principalShareBps,
      interestShareBps: input.interestShareBps,
      payableAccountId: payable.id,
      createdBy: options.actorId,
      createdAt: now,
    });
    await recordAudit(sp, {
      actor,
      action: 'installment.funder_created',
      targetType: 'installment_funder',
      targetId: id,
      detail: { name, principalShareBps: input.principalShareBps, interestShareBps: input.interestShareBps },
      at: now,
    });
  });
  const view = (await listFunders(tx)).find((f) => f.id === id);
  if (!view) throw new Error('the funder was just created');
  return view;
}

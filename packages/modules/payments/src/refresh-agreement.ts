import type { Database } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import { type Agreement, type AgreementDeps, getAgreement, setState } from './agreements';
import { type AgreementState, paymentsAgreements } from './schema';

/** Asks the channel whether the payer signed (or since unsigned) and records it. */
export async function refreshAgreement(
  database: Database,
  deps: AgreementDeps,
  agreementId: string,
): Promise<Agreement> {
  const a = await getAgreement(database.db, agreementId);
  if (a.state === 'unsigned' || a.state === 'failed') return a;
  const answer = await deps.client.query(a.externalAgreementNo);
  if (answer.outcome !== 'ok') return a;
  return runCommand(database, async (tx) => {
    const [locked] = await tx.select().from(paymentsAgreements).where(eq(paymentsAgreements.id, a.id)).for('update');
    assert(locked, 'the agreement exists');
    const state: AgreementState | undefined =
      answer.value.state === 'active' ? 'active' : answer.value.state === 'unsigned' ? 'unsigned' : undefined;
    if (!state || state === locked.state || locked.state === 'unsigned') return locked;
    return setState(tx, deps.clock, locked, {
      state,
      channelAgreementNo: answer.value.agreementNo ?? locked.channelAgreementNo,
    });
  });
}

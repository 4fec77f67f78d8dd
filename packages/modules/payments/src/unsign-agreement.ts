import type { Database } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import { type Agreement, type AgreementDeps, getAgreement, setState } from './agreements';
import { PaymentsErrors } from './errors';
import { paymentsAgreements } from './schema';

/** Ends an agreement at the channel; no charge is sent under it afterwards. */
export async function unsignAgreement(
  database: Database,
  deps: AgreementDeps,
  agreementId: string,
): Promise<Agreement> {
  const a = await getAgreement(database.db, agreementId);
  if (a.state === 'unsigned') return a;
  if (a.channelAgreementNo) {
    const answer = await deps.client.unsign(a.channelAgreementNo);
    if (answer.outcome === 'unknown') throw PaymentsErrors.PAYMENTS_CHANNEL_UNAVAILABLE();
  }
  return runCommand(database, async (tx) => {
    const [locked] = await tx.select().from(paymentsAgreements).where(eq(paymentsAgreements.id, a.id)).for('update');
    assert(locked, 'the agreement exists');
    return locked.state === 'unsigned' ? locked : setState(tx, deps.clock, locked, { state: 'unsigned' });
  });
}

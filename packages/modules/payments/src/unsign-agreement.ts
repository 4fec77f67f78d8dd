// Ending an auto-debit agreement: the channel is asked to unsign it outside any transaction
// (`askUnsign`), then the end is recorded in the caller's transaction (`recordUnsigned`), so a route
// answers it as one command; `unsignAgreement` does both for callers outside HTTP.
import type { Database, Executor } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import { type Agreement, type AgreementDeps, getAgreement, setState } from './agreements';
import { PaymentsErrors } from './errors';
import { paymentsAgreements } from './schema';

/** Asks the channel to end the agreement (nothing to ask when it was never signed or is ended). */
export async function askUnsign(deps: AgreementDeps, a: Agreement): Promise<void> {
  if (a.state === 'unsigned' || !a.channelAgreementNo) return;
  const answer = await deps.client.unsign(a.channelAgreementNo);
  if (answer.outcome === 'unknown') throw PaymentsErrors.PAYMENTS_CHANNEL_UNAVAILABLE();
}

/** Records the agreement ended, under its lock; no charge is recorded under it afterwards. */
export async function recordUnsigned(
  tx: Executor,
  deps: Pick<AgreementDeps, 'clock'>,
  agreementId: string,
): Promise<Agreement> {
  const [locked] = await tx
    .select()
    .from(paymentsAgreements)
    .where(eq(paymentsAgreements.id, agreementId))
    .for('update');
  assert(locked, 'the agreement exists');
  return locked.state === 'unsigned' ? locked : setState(tx, deps.clock, locked, { state: 'unsigned' });
}

/** Ends an agreement at the channel; no charge is sent under it afterwards. */
export async function unsignAgreement(
  database: Database,
  deps: AgreementDeps,
  agreementId: string,
): Promise<Agreement> {
  const a = await getAgreement(database.db, agreementId);
  if (a.state === 'unsigned') return a;
  await askUnsign(deps, a);
  return runCommand(database, (tx) => recordUnsigned(tx, deps, a.id));
}

import type { Database, Executor } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import { type Agreement, type AgreementDeps, getAgreement, setState } from './agreements';
import { type AgreementState, paymentsAgreements } from './schema';

/** What the channel says of an agreement, asked outside any transaction; null when it did not answer. */
export type AgreementAnswer = { state: AgreementState | undefined; agreementNo: string | null } | null;

/** Asks the channel whether the payer signed (or since unsigned); an ended agreement is not asked. */
export async function askAgreementState(deps: AgreementDeps, agreement: Agreement): Promise<AgreementAnswer> {
  if (agreement.state === 'unsigned' || agreement.state === 'failed') return null;
  const answer = await deps.client.query(agreement.externalAgreementNo);
  if (answer.outcome !== 'ok') return null;
  const state: AgreementState | undefined =
    answer.value.state === 'active' ? 'active' : answer.value.state === 'unsigned' ? 'unsigned' : undefined;
  return { state, agreementNo: answer.value.agreementNo ?? null };
}

/** Records the channel's answer in the caller's transaction, under the agreement's lock. */
export async function recordAgreementAnswer(
  tx: Executor,
  deps: Pick<AgreementDeps, 'clock'>,
  agreementId: string,
  answer: AgreementAnswer,
): Promise<Agreement> {
  const [locked] = await tx
    .select()
    .from(paymentsAgreements)
    .where(eq(paymentsAgreements.id, agreementId))
    .for('update');
  assert(locked, 'the agreement exists');
  if (!answer?.state || answer.state === locked.state || locked.state === 'unsigned') return locked;
  return setState(tx, deps.clock, locked, {
    state: answer.state,
    channelAgreementNo: answer.agreementNo ?? locked.channelAgreementNo,
  });
}

/** Asks the channel whether the payer signed (or since unsigned) and records it. */
export async function refreshAgreement(
  database: Database,
  deps: AgreementDeps,
  agreementId: string,
): Promise<Agreement> {
  const a = await getAgreement(database.db, agreementId);
  const answer = await askAgreementState(deps, a);
  if (answer === null) return a;
  return runCommand(database, (tx) => recordAgreementAnswer(tx, deps, a.id, answer));
}

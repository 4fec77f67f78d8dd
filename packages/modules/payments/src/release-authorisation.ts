import type { Database } from '@zulin/db';
import { assert } from '@zulin/kernel';
import {
  type AuthorisationDeps,
  type AuthorisationResult,
  beginOperation,
  finishOperation,
  type ReleaseRequest,
} from './deposit-authorisations';

/** Gives back part of the hold (Alipay unfreeze) or all that is left (Pay Score cancel). */
export async function releaseAuthorisation(
  database: Database,
  deps: AuthorisationDeps,
  request: ReleaseRequest,
): Promise<AuthorisationResult> {
  const begun = await beginOperation(database, deps, 'release', request);
  if (!begun.call) return begun;
  const a = begun.authorisation;
  assert(deps.client.name !== 'wallet', 'a wallet release is decided when it is recorded');
  const answer = await deps.client.release({
    outOrderNo: a.outOrderNo,
    authNo: a.channelAuthNo ?? '',
    requestNo: begun.operation.channelRequestNo,
    amountMinor: begun.operation.amountMinor,
  });
  return finishOperation(
    database,
    deps,
    begun.operation.id,
    answer.outcome === 'ok' ? { outcome: 'ok', value: {} } : answer,
  );
}

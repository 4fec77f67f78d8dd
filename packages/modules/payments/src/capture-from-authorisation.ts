import type { Database } from '@zulin/db';
import { assert } from '@zulin/kernel';
import {
  type AuthorisationDeps,
  type AuthorisationResult,
  beginOperation,
  type CaptureRequest,
  finishOperation,
} from './deposit-authorisations';

/** Takes `amountMinor` from the hold (Alipay trade.pay with auth_no; Pay Score complete, once). */
export async function captureFromAuthorisation(
  database: Database,
  deps: AuthorisationDeps,
  request: CaptureRequest,
): Promise<AuthorisationResult> {
  const begun = await beginOperation(database, deps, 'capture', request);
  if (!begun.call) return begun;
  const a = begun.authorisation;
  assert(deps.client.name !== 'wallet', 'a wallet capture is decided when it is recorded');
  const answer = await deps.client.capture({
    outOrderNo: a.outOrderNo,
    authNo: a.channelAuthNo ?? '',
    requestNo: begun.operation.channelRequestNo,
    amountMinor: begun.operation.amountMinor,
    description: request.description,
    finish: !deps.client.partial,
  });
  return finishOperation(database, deps, begun.operation.id, answer);
}

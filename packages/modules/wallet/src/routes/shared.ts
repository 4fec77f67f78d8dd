// What the wallet's route files share: the money amount a request may carry and the second factor
// a large withdrawal or transfer brings.

import type { Database } from '@zulin/db';
import { KernelErrors, Limits } from '@zulin/kernel';
import { MinorAmount } from '@zulin/platform';
import { Type } from 'typebox';
import type { WalletDeps } from '../deps';
import type { SecondFactorProof } from '../second-factor';
import { claimStepUpTry, type StepUpOperation } from '../sms-step-up';

export const customer = { auth: 'customer' } as const;
export const Minor = (description: string) => MinorAmount(description, Limits.amountMinorMax);

const Code = (description: string) => Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description }));

/** The second factor a large withdrawal or transfer carries: one of these. */
export const SecondFactorFields = {
  smsCode: Code('SMS step-up code from POST /v1/wallet/second-factor/sms'),
  totpCode: Code('code of the authenticator app enrolled at POST /v1/wallet/second-factor'),
  secondFactorCode: Code('deprecated name of totpCode'),
};

export interface SecondFactorBody {
  smsCode?: string | undefined;
  totpCode?: string | undefined;
  secondFactorCode?: string | undefined;
}

/**
 * The second factor the body carries. An SMS code's try is counted here, in its own transaction
 * before the command's, so that a wrong code uses up a try even though the command fails.
 */
export async function secondFactorProof(
  database: Database,
  deps: WalletDeps,
  customerId: string,
  body: SecondFactorBody,
  operation: StepUpOperation,
): Promise<SecondFactorProof | undefined> {
  const totpCode = body.totpCode ?? body.secondFactorCode;
  if (body.smsCode !== undefined && totpCode !== undefined) {
    throw KernelErrors.VALIDATION_FAILED({
      errors: [{ path: '/body/smsCode', message: 'send smsCode or totpCode, not both', code: 'SECOND_FACTOR_BOTH' }],
    });
  }
  if (body.smsCode !== undefined) {
    return { sms: await claimStepUpTry(database, deps, customerId, body.smsCode, operation) };
  }
  return totpCode === undefined ? undefined : { totpCode };
}

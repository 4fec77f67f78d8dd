// Third-party login (WeChat, Alipay): the provider turns an authorization code into an open id,
// and the open id is linked to a customer. An open id seen for the first time must be linked once
// with phone + SMS code, so every customer still has a verified phone number.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Executor, queryRows } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import type { CodeTry } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { type ConsentGiven, requireConsents } from './consents';
import { customerIsActive, findOrCreateCustomer } from './customers';
import { IdentityErrors } from './errors';
import { derivedKey } from './keys';
import { IdentityLimits } from './limits';
import { type LoginResult, spendLoginCode } from './login-with-code';
import { parsePhone } from './phone';
import { startSession } from './sessions';

export type OauthProviderName = 'wechat' | 'alipay';

export interface OauthProvider {
  readonly name: OauthProviderName;
  /** Exchanges an authorization code for the user's open id (WeChat `sns/oauth2/access_token`, Alipay `alipay.system.oauth.token`). */
  exchange(code: string, now: Date): Promise<{ openId: string }>;
}

/**
 * The sandbox provider signs its own codes: `sbx.<provider>.<openId>.<expires unix s>.<hmac>`,
 * issued by `POST /v1/sandbox/oauth/{provider}/codes`, so a test can log in as any open id.
 */
export function sandboxOauthProvider(
  name: OauthProviderName,
  masterKey: Buffer,
): OauthProvider & {
  issue(openId: string, now: Date): { code: string; expiresAt: Date };
} {
  const sign = (payload: string) =>
    createHmac('sha256', derivedKey(masterKey, 'oauth-sandbox')).update(payload).digest('base64url');
  return {
    name,
    issue(openId, now) {
      const expiresAt = new Date(now.getTime() + IdentityLimits.oauthCodeTtlMs);
      const payload = `sbx.${name}.${openId}.${Math.floor(expiresAt.getTime() / 1000)}`;
      return { code: `${payload}.${sign(payload)}`, expiresAt };
    },
    async exchange(code, now) {
      const parts = code.split('.');
      if (parts.length !== 5 || parts[0] !== 'sbx' || parts[1] !== name) throw IdentityErrors.OAUTH_CODE_INVALID();
      const payload = parts.slice(0, 4).join('.');
      const expected = Buffer.from(sign(payload));
      const actual = Buffer.from(parts[4] ?? '');
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
        throw IdentityErrors.OAUTH_CODE_INVALID();
      if (Number(parts[3]) * 1000 <= now.getTime())
        throw IdentityErrors.OAUTH_CODE_INVALID({ detail: 'The code expired.' });
      return { openId: parts[2] ?? '' };
    },
  };
}

export function unconfiguredOauthProvider(name: OauthProviderName): OauthProvider {
  return {
    name,
    async exchange() {
      throw IdentityErrors.OAUTH_PROVIDER_UNAVAILABLE();
    },
  };
}

/**
 * Logs in the customer linked to `openId` (which the route got from the provider before the
 * transaction: no outside call is made while it is open), linking it first when new.
 */
export async function loginWithOauth(
  tx: Executor,
  options: { masterKey: Buffer; clock: Clock; provider: OauthProviderName },
  input: {
    openId: string;
    phone?: string | undefined;
    smsCode?: string | undefined;
    codeTry?: CodeTry | undefined;
    consents?: readonly ConsentGiven[] | undefined;
    ip?: string | null;
  },
): Promise<LoginResult> {
  const now = options.clock.now();
  const { openId } = input;
  const phone = input.phone === undefined ? undefined : parsePhone(input.phone);
  const linked = await queryRows<{ customer_id: string }>(
    tx,
    sql`select customer_id from identity_oauth_links where provider = ${options.provider} and open_id = ${openId}`,
  );
  let customerId = linked[0]?.customer_id;
  let created = false;
  if (customerId === undefined) {
    if (phone === undefined || input.smsCode === undefined || input.codeTry === undefined) {
      throw IdentityErrors.OAUTH_PHONE_REQUIRED();
    }
    await spendLoginCode(tx, { masterKey: options.masterKey, now, phone, code: input.smsCode, codeTry: input.codeTry });
    ({ customerId, created } = await findOrCreateCustomer(tx, options.masterKey, options.clock, phone));
    await tx.execute(sql`insert into identity_oauth_links (provider, open_id, customer_id, created_at)
        values (${options.provider}, ${openId}, ${customerId}, ${now})
        on conflict (customer_id, provider) do update set open_id = excluded.open_id, created_at = excluded.created_at`);
  }
  if (!(await customerIsActive(tx, customerId))) throw IdentityErrors.AUTH_CUSTOMER_DISABLED();
  await requireConsents(tx, { customerId, given: input.consents, now, ip: input.ip ?? null });
  const session = await startSession(tx, options.masterKey, now, { kind: 'customer', customerId });
  return { session, customerId, created };
}

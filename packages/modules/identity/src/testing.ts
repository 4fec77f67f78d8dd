// Helpers for API tests in every module: signed-in customers and staff without going through SMS
// or TOTP (the identity module's own tests cover those flows).
import { randomInt } from 'node:crypto';
import { transaction } from '@zulin/db';
import type { AppContext } from '@zulin/platform';
import { declaredRoutes } from '@zulin/platform';
import type { FastifyInstance } from 'fastify';
import { createStaff } from './create-staff';
import { findOrCreateCustomer } from './customers';
import { currentLegalDocuments, legalDocumentKinds } from './legal-documents';
import type { Role } from './permissions';
import { parsePhone } from './phone';
import { startSession } from './sessions';
import { signAccessToken } from './tokens';

/** The parts of `TestServer` (apps/server/src/testing.ts) these helpers use. */
export interface TestServerLike {
  app: FastifyInstance;
  ctx: AppContext;
}

/** The `consents` a login page sends: every legal document in force, at its version. */
export function consentsInForce(): { document: 'terms' | 'privacy'; version: string }[] {
  return legalDocumentKinds.map((document) => ({ document, version: currentLegalDocuments[document].version }));
}

/** A random, valid mainland mobile number. */
export function randomTestPhone(): string {
  return `+86139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** Signs in a customer (created on first use of the phone); `token` goes in `authorization: Bearer`. */
export async function signInTestCustomer(
  server: TestServerLike,
  phone: string = randomTestPhone(),
): Promise<{ customerId: string; token: string; refreshToken: string }> {
  const { ctx } = server;
  return transaction(ctx.database, async (tx) => {
    const { customerId } = await findOrCreateCustomer(tx, ctx.config.masterKey, ctx.clock, parsePhone(phone));
    const session = await startSession(tx, ctx.config.masterKey, ctx.clock.now(), { kind: 'customer', customerId });
    return { customerId, token: session.accessToken, refreshToken: session.refreshToken };
  });
}

let staffCounter = 0;

/** Creates a staff member with this role and signs them in. */
export async function signInTestStaff(server: TestServerLike, role: Role): Promise<{ staffId: string; token: string }> {
  const { ctx } = server;
  staffCounter++;
  const username = `t${staffCounter}.${role.replace('_', '-')}.${randomInt(0, 1_000_000)}`;
  const { staff } = await createStaff(
    ctx.database,
    { masterKey: ctx.config.masterKey, clock: ctx.clock, actor: { kind: 'system' } },
    { username, role, password: 'test-password-123' },
  );
  const { accessToken } = await signAccessToken(ctx.config.masterKey, ctx.clock.now(), {
    kind: 'staff',
    staffId: staff.id,
  });
  return { staffId: staff.id, token: accessToken };
}

/** `{ authorization: 'Bearer …' }` for `app.inject({ headers })`. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

export { customerObjectRoutes, type IsolationResult, type ObjectFixture, walkCustomerObjectRoutes } from './route-walk';
export { declaredRoutes };

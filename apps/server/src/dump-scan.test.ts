// The dump scan (issue 9, docs/security.md): someone with a copy of the database learns no
// customer's personal data or secrets. The API is driven the way the apps drive it — sign-up with
// an SMS code, real-name verification, a bank card, a wallet authenticator, each POST with an
// Idempotency-Key — then `pg_dump --data-only` of the database is searched for every value sent, in
// the spellings a search would try: the phone with and without +86 and spaced, the ID number with
// an upper- and a lower-case X, the card number plain and in groups of four, the authenticator's
// secret and its otpauth:// link, and the one-time codes (in the tables that keep codes).
//
// PostgreSQL only: it needs `pg_dump` (on the PATH, of the server's major version or newer).
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, consentsInForce, randomTestPhone } from '@zulin/identity/testing';
import { totpCodeAt } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';

const run = promisify(execFile);

/** A valid 18-character resident ID number whose check character is X. */
function idNumberEndingInX(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const checks = '10X98765432';
  for (;;) {
    const body = `11010519${String(randomInt(70, 99))}0${randomInt(1, 10)}1${randomInt(0, 10)}${String(randomInt(0, 1000)).padStart(3, '0')}`;
    const sum = [...body].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
    if (checks[sum % 11] === 'X') return `${body}X`;
  }
}

/** A card number that passes the Luhn check. */
function cardNumber(): string {
  const body = `622202${String(randomInt(0, 1_000_000)).padStart(6, '0')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const digits = [...body].reverse().map(Number);
  const sum = digits.reduce((s, d, i) => s + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** The COPY blocks of `dump` for the tables whose names match. */
function tablesOf(dump: string, name: RegExp): string {
  return dump
    .split(/\n(?=COPY )/)
    .filter((block) => name.test(block.slice(0, block.indexOf('('))))
    .join('\n');
}

describeDb('dump scan', (get, kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test.skipIf(kind !== 'postgres')(
    'a pg_dump holds none of the phones, ID numbers, card numbers, authenticator secrets or one-time codes sent to the API (PostgreSQL only: pg_dump)',
    async () => {
      let key = 0;
      const post = (url: string, payload?: object, token?: string) =>
        s.app.inject({
          method: 'POST',
          url,
          headers: { 'idempotency-key': `dump-scan-${++key}`, ...(token ? bearer(token) : {}) },
          ...(payload ? { payload } : {}),
        });
      const smsCode = async (phone: string) => {
        const sent = await post('/v1/auth/sms-codes', { phone });
        expect(sent.statusCode, sent.body).toBeLessThan(300);
        const inbox = await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(phone)}` });
        const messages = inbox.json().data as { code: string | null; sentAt: string }[];
        const code = messages.sort((a, b) => b.sentAt.localeCompare(a.sentAt))[0]?.code;
        expect(code).toMatch(/^\d{6}$/);
        return code as string;
      };

      // Sign-up with an SMS code.
      const phone = randomTestPhone();
      const loginCode = await smsCode(phone);
      const login = await post('/v1/auth/login', { phone, code: loginCode, consents: consentsInForce() });
      expect(login.statusCode, login.body).toBeLessThan(300);
      const token = login.json().accessToken as string;
      // Real-name verification.
      const name = '欧阳明月';
      const idNumber = idNumberEndingInX();
      const verified = await post('/v1/me/identity', { name, idNumber }, token);
      expect(verified.statusCode, verified.body).toBeLessThan(300);
      // A bank card.
      const card = cardNumber();
      const bound = await post('/v1/bank-cards', { cardNumber: card }, token);
      expect(bound.statusCode, bound.body).toBeLessThan(300);
      // A wallet authenticator, enrolled and confirmed.
      const enrolled = await post('/v1/wallet/second-factor', undefined, token);
      expect(enrolled.statusCode, enrolled.body).toBeLessThan(300);
      const { secret, otpauthUri } = enrolled.json() as { secret: string; otpauthUri: string };
      const confirmed = await post(
        '/v1/wallet/second-factor/confirm',
        { code: await totpCodeAt(secret, s.clock.now()) },
        token,
      );
      expect(confirmed.statusCode, confirmed.body).toBeLessThan(300);
      // A second login code, sent (a minute later) and never used.
      s.clock.advance(61_000);
      const unusedCode = await smsCode(phone);

      const [db] = await queryRows<{ name: string }>(s.ctx.database.db, sql`select current_database() as name`);
      const url = new URL(process.env.TEST_DATABASE_URL ?? '');
      url.pathname = `/${db?.name}`;
      const { stdout: dump } = await run('pg_dump', ['--data-only', '--no-owner', url.toString()], {
        maxBuffer: 512 * 1024 * 1024,
      });
      // A real dump, holding this customer's rows.
      expect(dump).toContain(login.json().customer.id);

      const national = phone.replace(/^\+86/, '');
      const secrets: Record<string, string> = {
        phone,
        'phone without +86': national,
        'phone, spaced': `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`,
        'ID number': idNumber,
        'ID number, lower-case x': idNumber.toLowerCase(),
        'ID number without its check character': idNumber.slice(0, 17),
        name,
        'card number': card,
        'card number in groups of four': card.replace(/(\d{4})(?=\d)/g, '$1 '),
        'authenticator secret': secret,
        'authenticator secret, lower case': secret.toLowerCase(),
        'otpauth link': otpauthUri,
      };
      const found = Object.entries(secrets)
        .filter(([, value]) => dump.includes(value))
        .map(
          ([what, value]) =>
            `${what} (${value}) in: ${dump
              .split('\n')
              .find((l) => l.includes(value))
              ?.slice(0, 300)}`,
        );
      // Six digits occur anywhere in a dump (amounts, times); codes are looked for where codes are kept.
      const codeTables = tablesOf(dump, /code|sms|otp|sessions|idempotency/i);
      for (const [what, code] of [
        ['the login code', loginCode],
        ['the unused login code', unusedCode],
      ] as const) {
        const line = codeTables.split('\n').find((l) => l.includes(code));
        if (line) found.push(`${what} (${code}) in: ${line.slice(0, 300)}`);
      }
      expect(found).toEqual([]);
    },
  );
});

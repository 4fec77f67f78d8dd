import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { sql } from 'drizzle-orm';
import { beforeEach, expect, test } from 'vitest';
import { type CodePolicy, claimCodeTry, issueCode, spendCode } from './one-time-codes';

const secret = Buffer.alloc(32, 3);
const policy: CodePolicy = {
  purpose: 'test.step_up',
  ttlMs: 5 * 60_000,
  triesMax: 5,
  sendIntervalMs: 60_000,
  sendsPerDay: 10,
  sendsPerIpPerHour: 30,
};
const t0 = new Date('2026-03-02T02:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const day = { dayStart: new Date('2026-03-01T16:00:00Z'), nextDayStart: new Date('2026-03-02T16:00:00Z') };

describeDb('one-time codes', (get) => {
  let n = 0;
  const issue = (
    subject: string,
    binding: string,
    now: Date,
    extra: Partial<{ ip: string; policy: CodePolicy }> = {},
  ) =>
    transaction(get().database, (tx) =>
      issueCode(tx, {
        secret,
        policy: extra.policy ?? policy,
        subject,
        binding,
        id: `otc_${++n}`,
        now,
        ...day,
        ...extra,
      }),
    );
  const tryCode = async (subject: string, code: string, binding: string, now: Date, p = policy) => {
    const claimed = await claimCodeTry(get().database, { policy: p, subject, now });
    if (claimed.kind !== 'counted') return claimed.kind;
    const spent = await transaction(get().database, (tx) =>
      spendCode(tx, { secret, policy: p, subject, codeTry: claimed, code, binding, now }),
    );
    return spent ? 'ok' : `wrong(${claimed.triesLeft})`;
  };

  beforeEach(async () => {
    await get().database.db.execute(sql`truncate one_time_codes`);
  });

  test('a code works once, for the operation it was sent for, within its 5 minutes', async () => {
    const sent = await issue('cus_a', 'withdraw:card_1:500000', t0);
    if (sent.kind !== 'issued') throw new Error(sent.kind);
    expect(sent.code).toMatch(/^[0-9]{6}$/);
    expect(sent.expiresAt).toEqual(at(5 * 60_000));
    // Bound to the operation: the right code for another amount does not pass.
    expect(await tryCode('cus_a', sent.code, 'withdraw:card_1:500001', at(1000))).toBe('wrong(4)');
    expect(await tryCode('cus_a', sent.code, 'withdraw:card_1:500000', at(2000))).toBe('ok');
    // Replay: spent.
    expect(await tryCode('cus_a', sent.code, 'withdraw:card_1:500000', at(3000))).toBe('none');
  });

  test('an expired code is refused at exactly its expiry', async () => {
    const sent = await issue('cus_b', 'x', t0);
    if (sent.kind !== 'issued') throw new Error(sent.kind);
    expect(await tryCode('cus_b', sent.code, 'x', at(5 * 60_000))).toBe('none');
  });

  test('the fifth wrong try is the last: the sixth is refused even with the right code', async () => {
    const sent = await issue('cus_c', 'x', t0);
    if (sent.kind !== 'issued') throw new Error(sent.kind);
    const wrong = sent.code === '000000' ? '111111' : '000000';
    const results: string[] = [];
    for (let i = 0; i < 5; i++) results.push(await tryCode('cus_c', wrong, 'x', at(1000 + i)));
    expect(results).toEqual(['wrong(4)', 'wrong(3)', 'wrong(2)', 'wrong(1)', 'wrong(0)']);
    expect(await tryCode('cus_c', sent.code, 'x', at(2000))).toBe('exhausted');
  });

  test('a code of another purpose does not pass', async () => {
    const sent = await issue('cus_d', 'x', t0, { policy: { ...policy, purpose: 'test.login' } });
    if (sent.kind !== 'issued') throw new Error(sent.kind);
    expect(await tryCode('cus_d', sent.code, 'x', at(1000))).toBe('none');
    expect(await tryCode('cus_d', sent.code, 'x', at(1000), { ...policy, purpose: 'test.login' })).toBe('ok');
  });

  test('only the newest code counts', async () => {
    const first = await issue('cus_e', 'x', t0);
    const second = await issue('cus_e', 'x', at(60_000));
    if (first.kind !== 'issued' || second.kind !== 'issued') throw new Error('not issued');
    if (first.code !== second.code) expect(await tryCode('cus_e', first.code, 'x', at(61_000))).toBe('wrong(4)');
    expect(await tryCode('cus_e', second.code, 'x', at(62_000))).toBe('ok');
  });

  test('sends: one a minute (59 s refused, 60 s allowed), ten a business day, thirty an hour per address', async () => {
    expect((await issue('cus_f', 'x', t0)).kind).toBe('issued');
    const soon = await issue('cus_f', 'x', at(59_999));
    expect(soon).toEqual({ kind: 'too_soon', retryAt: at(60_000) });
    for (let i = 1; i < 10; i++) expect((await issue('cus_f', 'x', at(i * 60_000))).kind).toBe('issued');
    expect(await issue('cus_f', 'x', at(10 * 60_000))).toEqual({ kind: 'daily_limit', retryAt: day.nextDayStart });
    // Per address, whoever the subject.
    for (let i = 0; i < 30; i++)
      expect((await issue(`cus_ip${i}`, 'x', at(i), { ip: '10.1.1.1' })).kind).toBe('issued');
    const over = await issue('cus_ip30', 'x', at(31), { ip: '10.1.1.1' });
    expect(over).toEqual({ kind: 'ip_limit', retryAt: at(3_600_000) });
    expect((await issue('cus_ip31', 'x', at(31), { ip: '10.1.1.2' })).kind).toBe('issued');
  });

  test('the table holds no code in clear', async () => {
    const sent = await issue('cus_g', 'x', t0);
    if (sent.kind !== 'issued') throw new Error(sent.kind);
    const rows = await get().database.db.execute(sql`select * from one_time_codes where subject = 'cus_g'`);
    expect(JSON.stringify(rows)).not.toContain(sent.code);
  });
});

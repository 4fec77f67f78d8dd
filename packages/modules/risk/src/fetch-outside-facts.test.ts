import { AdjustableClock } from '@zulin/kernel';
import { describe, expect, it } from 'vitest';
import { buildRiskAdapters } from './adapters';
import { fetchOutsideFacts } from './fetch-outside-facts';
import { GuardedCall } from './outside-systems';
import { testIdNumber } from './testing';

const clock = new AdjustableClock('2026-03-01T02:00:00Z');
const person = (sequence: number, phone = '+8613800138000') => ({
  idNumber: testIdNumber(sequence),
  name: '张三',
  phone,
});

describe('fetchOutsideFacts with the sandboxes (docs/risk.md test identities)', () => {
  const adapters = buildRiskAdapters(true, clock);

  it('scores the ID sequence when it is 350–950 and 680 otherwise', async () => {
    for (const [sequence, score] of [
      [700, 700],
      [699, 699],
      [599, 599],
      [350, 350],
      [950, 950],
      [123, 680],
      [951, 680],
    ] as const) {
      expect((await fetchOutsideFacts(adapters, person(sequence))).facts.bureauScore).toBe(score);
    }
  });

  it('names sequences 013 and 666 on the judicial blacklist', async () => {
    expect((await fetchOutsideFacts(adapters, person(13))).facts.judicialBlacklisted).toBe(true);
    expect((await fetchOutsideFacts(adapters, person(666))).facts.judicialBlacklisted).toBe(true);
    expect((await fetchOutsideFacts(adapters, person(700))).facts.judicialBlacklisted).toBe(false);
  });

  it('reads the channels’ levels from the phone’s last digit and records every source', async () => {
    const answers = await fetchOutsideFacts(adapters, person(700, '+8613800138008'));
    expect(answers.facts).toEqual({
      bureauScore: 700,
      judicialBlacklisted: false,
      alipayRentalRiskLevel: 'high',
      wechatPayScoreLevel: 'high',
    });
    expect(answers.sources.map((s) => [s.system, s.adapter])).toEqual([
      ['bureau', 'sandbox'],
      ['judicial_blacklist', 'sandbox'],
      ['alipay_risk_level', 'sandbox'],
      ['wechat_payscore_level', 'sandbox'],
    ]);
    expect((await fetchOutsideFacts(adapters, person(700, '+8613800138007'))).facts.alipayRentalRiskLevel).toBe(
      'medium',
    );
    expect((await fetchOutsideFacts(adapters, person(700, '+8613800138009'))).facts.wechatPayScoreLevel).toBe('low');
  });

  it('answers RISK_BUREAU_UNAVAILABLE for sequence 504', async () => {
    await expect(fetchOutsideFacts(buildRiskAdapters(true, clock), person(504))).rejects.toMatchObject({
      code: 'RISK_BUREAU_UNAVAILABLE',
      status: 503,
    });
  });
});

describe('without configuration (production)', () => {
  it('refuses clearly instead of deciding without a bureau', async () => {
    await expect(fetchOutsideFacts(buildRiskAdapters(false, clock), person(700))).rejects.toMatchObject({
      code: 'RISK_BUREAU_UNAVAILABLE',
      detail: 'No credit bureau is configured.',
    });
  });
});

describe('GuardedCall', () => {
  const options = { timeoutMs: 50, attempts: 2, backoffMs: 1, breakerFailures: 2, breakerOpenMs: 30_000 };
  const unavailable = () => new Error('down');

  it('retries once, then succeeds', async () => {
    const guard = new GuardedCall(clock, unavailable, options);
    let calls = 0;
    const result = await guard.run(async () => {
      calls += 1;
      if (calls === 1) throw new Error('flaky');
      return 'ok';
    });
    expect([result, calls]).toEqual(['ok', 2]);
  });

  it('times out a call that does not answer', async () => {
    const guard = new GuardedCall(clock, unavailable, options);
    await expect(guard.run(() => new Promise(() => {}))).rejects.toThrow('down');
  });

  it('opens after two failed calls, refuses without calling, and closes after 30 s', async () => {
    const guard = new GuardedCall(clock, unavailable, options);
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error('broken');
    };
    await expect(guard.run(failing)).rejects.toThrow('broken');
    await expect(guard.run(failing)).rejects.toThrow('broken');
    expect(calls).toBe(4);
    expect(guard.open).toBe(true);
    await expect(guard.run(failing)).rejects.toThrow('down');
    expect(calls).toBe(4);
    clock.advance(30_000);
    expect(guard.open).toBe(false);
    expect(await guard.run(async () => 'back')).toBe('back');
  });
});

import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { asc } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { buildMissedRoots } from './daily-roots';
import { appendEvidence } from './evidence-log';
import { ContractsLimits } from './limits';
import { sandboxRootSigner } from './root-signer';
import { contractsEvidenceRoots } from './schema';
import { verifyDailyRoots } from './verify-roots';

describeDb('contracts: the daily tick catches up the days a stopped server missed', (get) => {
  const timeZone = 'Asia/Shanghai';
  const append = (at: string, i: number) =>
    transaction(get().database, (tx) =>
      appendEvidence(tx, { subject: { kind: 'rental', id: 'rnt_catch' }, kind: 'k', data: { i }, at: new Date(at) }),
    );
  const roots = () =>
    get().database.db.select().from(contractsEvidenceRoots).orderBy(asc(contractsEvidenceRoots.businessDate));

  test('older than the bound: the first root built takes every earlier entry, then one root a day', async () => {
    const { database } = get();
    // An entry on 1 January, then nothing until 3 March; the first tick ever runs on 5 March for the 4th.
    await append('2026-01-01T02:00:00Z', 1);
    await append('2026-03-03T02:00:00Z', 2);
    const now = new Date('2026-03-04T16:10:00Z');
    const signer = await sandboxRootSigner(database.db, now);
    expect(await buildMissedRoots(database, { signer, timeZone, now }, '2026-03-04')).toBe(
      ContractsLimits.dailyRootCatchUpDaysMax,
    );
    const built = await roots();
    expect(built).toHaveLength(31);
    // 31 days back from 4 March: 2 February … 4 March.
    expect(built[0]).toMatchObject({ businessDate: '2026-02-02', fromSeq: 1, toSeq: 1, treeSize: 1 });
    expect(built.find((r) => r.businessDate === '2026-03-03')).toMatchObject({ fromSeq: 2, toSeq: 2, treeSize: 1 });
    expect(built.at(-1)).toMatchObject({ businessDate: '2026-03-04', fromSeq: 3, toSeq: 2, treeSize: 0 });
    expect(await verifyDailyRoots(database.db)).toMatchObject({ roots: 31, broken: null });
  });

  test('three missed days: each gets its own root over its own entries; running again builds nothing', async () => {
    const { database } = get();
    // The server stopped after the 4 March root; entries of 5, 6 and 7 March (Shanghai) wait.
    await append('2026-03-05T01:00:00Z', 3); // 5 March 09:00
    await append('2026-03-05T15:59:59Z', 4); // 5 March 23:59:59
    await append('2026-03-06T10:00:00Z', 5); // 6 March
    await append('2026-03-07T03:00:00Z', 6); // 7 March
    await append('2026-03-07T16:30:00Z', 7); // 8 March 00:30: not yet a closed day
    const now = new Date('2026-03-07T16:40:00Z'); // 8 March 00:40 in Shanghai
    const signer = await sandboxRootSigner(database.db, now);
    expect(await buildMissedRoots(database, { signer, timeZone, now }, '2026-03-07')).toBe(3);
    const byDate = Object.fromEntries((await roots()).map((r) => [r.businessDate, [r.fromSeq, r.toSeq]]));
    expect(byDate['2026-03-05']).toEqual([3, 4]);
    expect(byDate['2026-03-06']).toEqual([5, 5]);
    expect(byDate['2026-03-07']).toEqual([6, 6]);
    expect(byDate['2026-03-08']).toBeUndefined();
    // The same tick again (a retry, a second process): nothing new, nothing changed.
    const later = new Date('2026-03-07T16:50:00Z');
    expect(await buildMissedRoots(database, { signer, timeZone, now: later }, '2026-03-07')).toBe(0);
    expect(await verifyDailyRoots(database.db)).toMatchObject({ roots: 34, broken: null });
    // The next day's tick puts the 00:30 entry under 8 March.
    const next = new Date('2026-03-08T16:10:00Z');
    expect(await buildMissedRoots(database, { signer, timeZone, now: next }, '2026-03-08')).toBe(1);
    expect((await roots()).at(-1)).toMatchObject({ businessDate: '2026-03-08', fromSeq: 7, toSeq: 7 });
  });
});

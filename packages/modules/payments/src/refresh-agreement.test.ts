// The weekly re-check's one statement (`dueRechecksQuery`), on PostgreSQL: it walks the partial index
// payments_agreements_recheck_idx and sorts nothing. Its WHERE and ORDER BY are the index's own
// (`recheck_at`, `id`, where active with no unsign requested); before, the sweep sorted by
// coalesce(last_checked_at, updated_at), which the 0056 index on last_checked_at could not give, so
// PostgreSQL read every active agreement and sorted them at each run.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { dueRechecksQuery } from './refresh-agreement';

describeDb('the re-check of active agreements', (get, kind) => {
  test('the statement is built for the channel and the time given', () => {
    const { sql: text, params } = dueRechecksQuery(
      get().database.db,
      'alipay',
      new Date('2026-12-01T08:00:00Z'),
    ).toSQL();
    expect(text).toMatch(/order by "payments_agreements"\."recheck_at" asc, "payments_agreements"\."id" asc/);
    expect(params).toContain('alipay');
  });

  if (kind === 'postgres') {
    // With a handful of rows the planner would rightly read the table and sort it; turning sorts and
    // sequential scans off asks whether the index *can* give the rows in order.
    test('the due re-checks walk payments_agreements_recheck_idx and sort nothing (EXPLAIN)', async () => {
      const text = await transaction(get().database, async (tx) => {
        await tx.execute(sql`set local enable_sort = off`);
        await tx.execute(sql`set local enable_seqscan = off`);
        const query = dueRechecksQuery(tx, 'alipay', new Date('2026-12-01T08:00:00Z'));
        const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain ${query}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(text).toContain('payments_agreements_recheck_idx');
      expect(text).not.toMatch(/\bSort\b/);
    });
  }
});

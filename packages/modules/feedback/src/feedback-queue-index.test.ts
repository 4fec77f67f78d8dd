// The handlers' queue filtered by where an entry was sent from (`source`, migration 0066) reads
// feedback_entries_source_idx (source, submitted_at, id; migration 0067) and sorts nothing: the
// filter's equality and the queue's order (submitted_at desc, id desc) are the index's own columns,
// walked backwards. Before 0067 the filter read the queue index and dropped the other source's rows.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { encodeCursor } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { queuePageQuery } from './feedback-entries';

describeDb('the feedback queue filtered by source', (get, kind) => {
  test('the statement filters by the source given and orders newest first', () => {
    const { sql: text, params } = queuePageQuery(get().database.db, { source: 'error_screen' }, 51).toSQL();
    expect(text).toMatch(/"feedback_entries"\."source" = \$1/);
    expect(text).toMatch(/order by "feedback_entries"\."submitted_at" desc, "feedback_entries"\."id" desc/);
    expect(params).toEqual(['error_screen', 51]);
  });

  test('migration 0067 created the index on (source, submitted_at, id)', async () => {
    const rows = await queryRows<{ indexdef: string }>(
      get().database.db,
      sql`select indexdef from pg_indexes where indexname = 'feedback_entries_source_idx'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.indexdef).toContain('(source, submitted_at, id)');
  });

  if (kind === 'postgres') {
    // With a handful of rows the planner would rightly read the table and sort it; turning sorts and
    // sequential scans off asks whether the index *can* give the rows in order.
    test('a page of error_screen entries walks feedback_entries_source_idx and sorts nothing (EXPLAIN)', async () => {
      const text = await transaction(get().database, async (tx) => {
        await tx.execute(sql`set local enable_sort = off`);
        await tx.execute(sql`set local enable_seqscan = off`);
        const query = queuePageQuery(tx, { source: 'error_screen' }, 51);
        const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain ${query}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(text).toContain('feedback_entries_source_idx');
      expect(text).not.toMatch(/\bSort\b/);
    });

    test('the next page (a cursor) still walks the index and sorts nothing (EXPLAIN)', async () => {
      const text = await transaction(get().database, async (tx) => {
        await tx.execute(sql`set local enable_sort = off`);
        await tx.execute(sql`set local enable_seqscan = off`);
        const cursor = encodeCursor(['2026-12-01T08:00:00.000Z', 'fb_x']);
        const query = queuePageQuery(tx, { source: 'form', cursor }, 51);
        const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain ${query}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(text).toContain('feedback_entries_source_idx');
      expect(text).not.toMatch(/\bSort\b/);
    });
  }
});

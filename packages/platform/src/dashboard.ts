// Helpers for the modules' dashboard figures (DashboardFigure in context.ts).
import { type Executor, queryRows } from '@zulin/db';
import { addDays, type BusinessDate, startOfDayInstant } from '@zulin/kernel';
import { type SQL, sql } from 'drizzle-orm';

/**
 * A daily series of `days` business days ending on `lastDate`, oldest first: each day's value from
 * `points` (by date), 0 on a day without one.
 */
export function dailySeries(
  points: readonly { date: BusinessDate; value: number }[],
  lastDate: BusinessDate,
  days: number,
): { date: BusinessDate; value: number }[] {
  const byDate = new Map<string, number>();
  for (const point of points) byDate.set(point.date, (byDate.get(point.date) ?? 0) + point.value);
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(lastDate, i - days + 1);
    return { date, value: byDate.get(date) ?? 0 };
  });
}

/**
 * The daily trend of a figure from one table: `value` (an aggregate such as `count(*)` or
 * `sum(amount_minor)`) of the rows matching `where`, grouped by the business date of the instant
 * column `day` in the time zone, over the last `days` business days.
 */
export async function readDailyTrend(
  db: Executor,
  at: { today: BusinessDate; timeZone: string; days: number },
  query: { table: SQL; day: SQL; value: SQL; where?: SQL },
): Promise<{ date: BusinessDate; value: number }[]> {
  const since = startOfDayInstant(addDays(at.today, 1 - at.days), at.timeZone);
  const rows = await queryRows<{ date: BusinessDate; value: string | number | null }>(
    db,
    sql`select to_char((${query.day} at time zone ${at.timeZone})::date, 'YYYY-MM-DD') as date, ${query.value} as value
          from ${query.table}
         where ${query.day} >= ${since} and ${query.where ?? sql`true`}
         group by 1`,
  );
  return dailySeries(
    rows.map((r) => ({ date: r.date, value: Number(r.value ?? 0) })),
    at.today,
    at.days,
  );
}

/** One number from a query answering a single row with a column `value`. */
export async function readValue(db: Executor, query: SQL): Promise<number> {
  const [row] = await queryRows<{ value: string | number | null }>(db, query);
  return Number(row?.value ?? 0);
}

// Chat and ticket volume per month for the analysis dashboard, with SLA attainment (the share of
// tickets whose first response, and whose resolution, came in time, in basis points) and chat
// ratings (average in hundredths, so that no float leaves the server).
import { type Executor, queryRows } from '@zulin/db';
import { assert, type BusinessDate, isBusinessDate } from '@zulin/kernel';
import { sql } from 'drizzle-orm';

interface MonthRow {
  month: string;
  n: string | number;
  a: string | number;
  b: string | number;
  c: string | number;
}

const num = (v: string | number) => Number(v);
/** a / b in basis points, rounded half up in integers; null when nothing was judged. */
const bps = (a: number, b: number) => (b === 0 ? null : Math.floor((a * 20_000 + b) / (2 * b)));

export async function readSupportStats(
  db: Executor,
  options: { fromDate: BusinessDate; toDate: BusinessDate; timeZone: string; now: Date },
) {
  assert(isBusinessDate(options.fromDate) && isBusinessDate(options.toDate), 'dates checked by the route');
  const { fromDate, toDate, timeZone } = options;
  // A timer is judged once it was met or its due instant has passed; one still running counts for neither.
  const tickets = await queryRows<MonthRow & { d: string | number }>(
    db,
    sql`select to_char(opened_at at time zone ${timeZone}, 'YYYY-MM') as month,
               count(*) as n,
               count(*) filter (where first_response_at is not null and first_response_at <= first_response_due_at) as a,
               count(*) filter (where first_response_at is not null or first_response_due_at <= ${options.now}) as b,
               count(*) filter (where resolved_at is not null and resolved_at <= resolution_due_at) as c,
               count(*) filter (where resolved_at is not null or resolution_due_at <= ${options.now}) as d
        from support_tickets
        where (opened_at at time zone ${timeZone})::date between ${fromDate}::date and ${toDate}::date
        group by 1 order by 1`,
  );
  const chats = await queryRows<MonthRow>(
    db,
    sql`select to_char(queued_at at time zone ${timeZone}, 'YYYY-MM') as month,
               count(*) as n,
               count(*) filter (where agent_id is not null) as a,
               count(rating) as b,
               coalesce(sum(rating), 0) as c
        from support_chats
        where (queued_at at time zone ${timeZone})::date between ${fromDate}::date and ${toDate}::date
        group by 1 order by 1`,
  );
  return {
    tickets: tickets.map((r) => ({
      month: r.month,
      opened: num(r.n),
      firstResponseMetBps: bps(num(r.a), num(r.b)),
      resolutionMetBps: bps(num(r.c), num(r.d)),
    })),
    chats: chats.map((r) => ({
      month: r.month,
      chats: num(r.n),
      answered: num(r.a),
      rated: num(r.b),
      averageRatingHundredths: num(r.b) === 0 ? null : Math.round((num(r.c) * 100) / num(r.b)),
    })),
  };
}

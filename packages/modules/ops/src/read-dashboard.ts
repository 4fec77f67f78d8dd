// The console's overview: every module's dashboard figures the staff member may see, read on the
// business date, each with its trend over the last days when it has one. One figure that fails to
// read (the database timing out, say) does not hide the others: it is answered without a value and
// named in the log.
import type { Executor } from '@zulin/db';
import { AssertionError, type BusinessDate, type Clock, today } from '@zulin/kernel';
import type { DashboardFigure } from '@zulin/platform';
import { OpsLimits } from './limits';

export interface DashboardReading {
  key: string;
  unit: DashboardFigure['unit'];
  value: number | null;
  trend: { date: BusinessDate; value: number }[];
}

export async function readDashboard(
  db: Executor,
  deps: {
    clock: Clock;
    timeZone: string;
    figures: readonly DashboardFigure[];
    onError: (key: string, error: unknown) => void;
  },
  options: { permissions: ReadonlySet<string> },
): Promise<{ businessDate: BusinessDate; figures: DashboardReading[] }> {
  const businessDate = today(deps.clock, deps.timeZone);
  const visible = deps.figures.filter((figure) => options.permissions.has(figure.permission));
  const figures: DashboardReading[] = [];
  for (const figure of visible) {
    try {
      const reading = await figure.read(db, {
        today: businessDate,
        timeZone: deps.timeZone,
        days: OpsLimits.dashboardTrendDays,
      });
      figures.push({ key: figure.key, unit: figure.unit, value: reading.value, trend: reading.trend ?? [] });
    } catch (error) {
      // A broken assertion is a bug, not an outage: it stops the request as it would anywhere else.
      if (error instanceof AssertionError) throw error;
      deps.onError(figure.key, error);
      figures.push({ key: figure.key, unit: figure.unit, value: null, trend: [] });
    }
  }
  return { businessDate, figures };
}

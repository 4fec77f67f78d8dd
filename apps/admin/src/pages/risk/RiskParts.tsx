// Pieces the risk pages share: outcome tags, the live SLA countdown, the staff message for a refusal.
import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskOutcome } from '../../risk-api';

export const OUTCOME_COLORS = {
  approve: 'success',
  review: 'warning',
  block_and_review: 'orange',
  reject: 'error',
} satisfies Record<RiskOutcome, string>;

export function OutcomeTag({ outcome }: { outcome: RiskOutcome }) {
  const { t } = useTranslation();
  return (
    <Tag color={OUTCOME_COLORS[outcome]} data-testid="outcome-tag">
      {t(`risk.outcomes.${outcome}`)}
    </Tag>
  );
}

/** The current time, ticking every second (for countdowns). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function hms(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1_000);
  const h = Math.floor(seconds / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Time left to the SLA (green, amber under 30 min), or how far past it (red). */
export function SlaCountdown({ dueAt, closed }: { dueAt: string; closed?: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  if (closed) return <span>—</span>;
  const left = new Date(dueAt).getTime() - now;
  if (left <= 0) {
    return (
      <Tag color="error" data-testid="sla-countdown">
        {t('risk.sla.overdue', { time: hms(left) })}
      </Tag>
    );
  }
  return (
    <Tag color={left < 30 * 60_000 ? 'warning' : 'success'} data-testid="sla-countdown">
      {t('risk.sla.left', { time: hms(left) })}
    </Tag>
  );
}

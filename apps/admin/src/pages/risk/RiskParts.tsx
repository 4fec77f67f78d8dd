// Pieces the risk pages share: outcome tags, the live SLA countdown, the staff message for a refusal.
import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerNow } from '../../api';
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

/** The server's time now (not the browser's), ticking every second (for countdowns to server instants). */
export function useNow(): number {
  const serverNow = useServerNow();
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(serverNow());
    const timer = setInterval(() => setNow(serverNow()), 1_000);
    return () => clearInterval(timer);
  }, [serverNow]);
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

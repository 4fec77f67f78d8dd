import { Card, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface StatCardProps {
  title: string;
  value: string | undefined;
  icon: ReactNode;
  /** Accent of the icon tile, e.g. green for a healthy state. */
  tone: 'brand' | 'success' | 'danger' | 'info' | 'neutral';
  footer?: ReactNode;
  loading: boolean;
  testId: string;
}

/** One headline figure on the dashboard, with an icon tile and a footnote. */
export function StatCard({ title, value, icon, tone, footer, loading, testId }: StatCardProps) {
  return (
    <Card className="stat-card full-height-card" data-testid={testId}>
      <div className="stat-card-body">
        <Statistic title={title} value={value ?? '—'} loading={loading} />
        <span className={`stat-card-icon stat-card-icon-${tone}`}>{icon}</span>
      </div>
      <Typography.Text type="secondary" className="stat-card-footer">
        {loading ? '\u00a0' : (footer ?? '\u00a0')}
      </Typography.Text>
    </Card>
  );
}

// The first business numbers on the overview: one card per figure the staff member may see, with
// its 14-day trend when it has one. Names come from dashboard.figures; a figure the console does
// not know yet is not shown (its key is no name for an operator).
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../hooks';
import { type DashboardFigure, useDashboard } from '../ops-api';

const TrendChart = lazy(() => import('./TrendChart'));

function FigureCard({ figure }: { figure: DashboardFigure }) {
  const { t } = useTranslation();
  const money = useMoney();
  const names = t('dashboard.figures', { returnObjects: true }) as Record<string, { name: string; hint: string }>;
  const named = names[figure.key];
  if (!named) return null;
  const format = (value: number) => (figure.unit === 'money' ? money(value) : value.toLocaleString('zh-CN'));
  return (
    <Col xs={24} sm={12} xl={6}>
      <Card className="figure-card" data-testid={`figure-${figure.key}`}>
        <Statistic
          title={named.name}
          value={figure.value === null ? '—' : format(figure.value)}
          valueStyle={{ fontVariantNumeric: 'tabular-nums' }}
        />
        <Typography.Text type="secondary" className="figure-hint">
          {figure.value === null ? t('dashboard.figureUnavailable') : named.hint}
        </Typography.Text>
        {figure.trend.length > 0 && (
          <Suspense fallback={<div className="trend-chart" />}>
            <TrendChart points={figure.trend} format={format} label={named.name} />
          </Suspense>
        )}
      </Card>
    </Col>
  );
}

export function BusinessFigures() {
  const dashboard = useDashboard();
  if (dashboard.isLoading) return <Skeleton active />;
  const figures = dashboard.data?.figures ?? [];
  if (figures.length === 0) return null;
  return (
    <Row gutter={[16, 16]} className="business-figures">
      {figures.map((figure) => (
        <FigureCard key={figure.key} figure={figure} />
      ))}
    </Row>
  );
}

import { Button, Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { BusinessFigures } from '../components/BusinessFigures';
import { ModulesCard } from '../components/ModulesCard';
import { OpsLinksCard } from '../components/OpsLinksCard';
import { PageHeader } from '../components/PageHeader';
import { ReadinessChecks } from '../components/ReadinessChecks';
import { ServiceInfoCard } from '../components/ServiceInfoCard';
import { StatusStatCards } from '../components/StatusStatCards';

export function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="page">
      <PageHeader
        title={t('dashboard.title')}
        subtitle={t('dashboard.subtitle')}
        extra={<Button onClick={() => navigate('/system/status')}>{t('dashboard.viewStatus')}</Button>}
      />
      <BusinessFigures />
      <StatusStatCards />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <ServiceInfoCard />
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Card title={t('dashboard.checks')} className="full-height-card">
            <ReadinessChecks />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={7}>
          <OpsLinksCard />
        </Col>
      </Row>
      <ModulesCard />
    </div>
  );
}

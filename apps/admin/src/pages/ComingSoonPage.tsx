import { RocketOutlined } from '@ant-design/icons';
import { Button, Card, Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { AreaKey } from '../navigation';

/** The placeholder of a business area that has not shipped yet: what it will do, clearly marked. */
export function ComingSoonPage({ area }: { area: AreaKey }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="page">
      <Card>
        <Result
          icon={<RocketOutlined className="coming-soon-icon" />}
          title={
            <span data-testid="coming-soon-title">
              {t(`nav.${area}`)} <Tag color="orange">{t('comingSoon.badge')}</Tag>
            </span>
          }
          subTitle={
            <>
              {t(`areas.${area}`)}
              <br />
              {t('comingSoon.note')}
            </>
          }
          extra={
            <Button type="primary" onClick={() => navigate('/')}>
              {t('comingSoon.back')}
            </Button>
          }
        />
      </Card>
    </div>
  );
}

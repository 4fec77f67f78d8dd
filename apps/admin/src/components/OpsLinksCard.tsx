import { ApiOutlined, FileTextOutlined, HeartOutlined, LineChartOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

const LINKS = [
  { key: 'docs', href: '/docs', icon: <ApiOutlined /> },
  { key: 'openapi', href: '/openapi.json', icon: <FileTextOutlined /> },
  { key: 'healthz', href: '/healthz', icon: <HeartOutlined /> },
  { key: 'metrics', href: '/metrics', icon: <LineChartOutlined /> },
] as const;

/** The server's operations endpoints, which live outside the console. */
export function OpsLinksCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('dashboard.opsLinks')} className="full-height-card">
      <ul className="ops-links">
        {LINKS.map((link) => (
          <li key={link.key}>
            <a href={link.href} target="_blank" rel="noreferrer">
              {link.icon}
              <span>{t(`opsLinks.${link.key}`)}</span>
              <code>{link.href}</code>
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}

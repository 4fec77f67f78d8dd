import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { NAV_LEAVES } from '../navigation';

/** The business areas still to come, as in the menu. */
const UPCOMING = NAV_LEAVES.flatMap(({ leaf, parent }) =>
  leaf.page === 'comingSoon' ? [{ area: leaf.key, path: leaf.path, icon: leaf.icon ?? parent?.icon }] : [],
);

/** The business areas still to come, each linking to its placeholder page. */
export function ModulesCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('dashboard.modules')} extra={<Tag color="orange">{t('comingSoon.badge')}</Tag>}>
      <div className="module-grid">
        {UPCOMING.map(({ area, path, icon }) => {
          const description = t(`areas.${area}`);
          return (
            <Link key={path} to={path} className="module-tile" title={description}>
              <span className="module-tile-icon">{icon}</span>
              <span className="module-tile-text">
                <span className="module-tile-name">{t(`nav.${area}`)}</span>
                <span className="module-tile-description">{description}</span>
              </span>
            </Link>
          );
        })}
      </div>
    </Card>
  );
}

import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, setLanguage } from '../i18n';

/** The header's language menu; the choice is kept in localStorage. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const items = LANGUAGES.map((language) => ({ key: language, label: t(`languages.${language}`) }));
  const current = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
  return (
    <Dropdown
      menu={{
        items,
        selectable: true,
        selectedKeys: [current],
        onClick: ({ key }) => {
          if (isLanguage(key)) void setLanguage(key);
        },
      }}
      placement="bottomRight"
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('header.language')} data-testid="language-switch">
        {t(`languages.${current}`)}
      </Button>
    </Dropdown>
  );
}

import { CheckList } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, setLanguage } from '../i18n';

/** Picks the interface language; the choice is kept in localStorage. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <CheckList
      className="language-switch"
      mode="card"
      value={[i18n.language]}
      onChange={(values) => {
        // Tapping the ticked row again would empty the selection; a language is always chosen.
        const language = values[0];
        if (isLanguage(language)) void setLanguage(language);
      }}
    >
      {LANGUAGES.map((language) => (
        <CheckList.Item key={language} value={language}>
          {t(`languages.${language}`)}
        </CheckList.Item>
      ))}
    </CheckList>
  );
}

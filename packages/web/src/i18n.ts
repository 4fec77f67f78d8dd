// The language of a web app: zh-CN by default, English complete, the choice kept in localStorage
// under the app's own key, and reflected in <html lang> and the document title.
import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readStorage, writeStorage } from './storage';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Initialises i18next with bundled resources, so the first render is already translated. */
export function initAppI18n(options: { storageKey: string; resources: Record<Language, Resource[string]> }) {
  const stored = readStorage(options.storageKey);
  i18n.on('languageChanged', (language: string) => {
    document.documentElement.lang = language;
    document.title = i18n.t('app.title');
  });
  void i18n.use(initReactI18next).init({
    resources: options.resources,
    lng: isLanguage(stored) ? stored : 'zh-CN',
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return {
    i18n,
    async setLanguage(language: Language): Promise<void> {
      writeStorage(options.storageKey, language);
      await i18n.changeLanguage(language);
    },
  };
}

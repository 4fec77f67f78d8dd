import { initAppI18n } from '@zulin/web';
import { en } from './en';
import { zhCN } from './zh-CN';

export { isLanguage, LANGUAGES, type Language } from '@zulin/web';

export const { i18n, setLanguage } = initAppI18n({
  storageKey: 'zulin.admin.lang',
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
});

import 'i18next';
import type { Messages } from './zh-CN';

// Makes `t('some.key')` a type error when the key is not in the resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

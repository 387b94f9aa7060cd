import 'i18next';
import type { zhCN } from './zh-CN.ts';

// Typed keys: `t('nav.home')` is checked at compile time against the Chinese dictionary (the reference).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
    returnNull: false;
  }
}

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Messages } from './zh-CN.ts';
import { zhCN } from './zh-CN.ts';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const STORAGE_KEY = 'biomfg.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export const i18n = i18next;

/**
 * The English strings are a chunk of their own, loaded only when English is chosen (most sessions are Chinese:
 * a first screen without them is smaller). Still bundled and same-origin: nothing comes from outside.
 */
async function loadEnglish(): Promise<void> {
  if (i18next.hasResourceBundle('en-US', 'translation')) return;
  const { enUS } = await import('./en-US.ts');
  i18next.addResourceBundle('en-US', 'translation', enUS satisfies Messages);
}

/** Init with every string of the stored language in place before the first render. */
export async function initI18n(language: Language = readStoredLanguage()): Promise<typeof i18next> {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zhCN } },
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  }
  if (language !== DEFAULT_LANGUAGE) {
    await loadEnglish();
    await i18next.changeLanguage(language);
  }
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be disabled by policy; the choice then lasts for this page only.
  }
  if (language === 'en-US') await loadEnglish();
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE;
}

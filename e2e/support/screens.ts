import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { enUS } from '../../web/src/app/i18n/en-US.ts';
import { zhCN } from '../../web/src/app/i18n/zh-CN.ts';
import { SCREENSHOT_DIR } from './paths.ts';

/** The switch's own title, translated: it changes in the same render as every other text of the page. */
const SWITCH_TITLE = { 'zh-CN': zhCN.shell.language, 'en-US': enUS.shell.language } as const;

/** Full-page screenshot into e2e/screenshots/ (git-ignored), after animations have settled. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Switches the UI language with the header/login switch, as a user would. */
export async function switchLanguage(page: Page, language: 'zh-CN' | 'en-US'): Promise<void> {
  await page.locator('.language-switch__option').filter({ hasText: language === 'en-US' ? 'EN' : '中文' }).click();
  // The app sets <html lang> before it re-renders, so wait for a translated text too: reading the page right
  // after the attribute changed could still see the old language on a slow machine.
  await page.waitForFunction(
    ([lang, title]) => document.documentElement.lang === lang && document.querySelector('.language-switch')?.getAttribute('title') === title,
    [language, SWITCH_TITLE[language]] as const,
  );
}

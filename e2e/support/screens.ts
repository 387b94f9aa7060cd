import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './paths.ts';

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
  await page.locator('.language-switch .ant-segmented-item').filter({ hasText: language === 'en-US' ? 'EN' : '中文' }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

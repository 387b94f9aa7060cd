import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { demoPage, launchBrowser, type PageWatch } from './browser.ts';
import { startServer } from './server.ts';
import type { RunningServer } from './server.ts';

/**
 * A journey on a demo data set: its server and browser start before the journey's tests and stop after them,
 * and every page it opens is watched — no request leaves the server, no page throws. Returns `pageAs`, a page
 * signed in as a demo account in a language (and window size).
 */
export function demoJourney(
  options: Parameters<typeof startServer>[1],
  viewport?: { width: number; height: number },
): (username: string, language?: 'zh-CN' | 'en-US') => Promise<Page> {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    server = await startServer([], options);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const watch of watches) {
      expect(watch.foreignRequests).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
    await browser?.close();
    await server?.stop();
  });

  return (username, language = 'zh-CN') => demoPage(browser!, server!.baseUrl, watches, username, { language, ...(viewport ? { viewport } : {}) });
}

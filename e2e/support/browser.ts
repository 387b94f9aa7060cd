import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * What the page did that it must not do: a request to any origin other than the server (the intranet has no
 * internet), a CSP violation, or an uncaught script error.
 */
export interface PageWatch {
  foreignRequests: string[];
  cspViolations: string[];
  pageErrors: string[];
  requests: string[];
  /** API answers of 400 and above, with the start of their body: printed when a journey step fails. */
  apiFailures: string[];
}

/** The watches of this test file, so a failing step can print what the pages were refused (support/on-failure.ts). */
export const pageWatches: PageWatch[] = [];

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

export function watchPage(page: Page, baseUrl: string): PageWatch {
  const origin = new URL(baseUrl).origin;
  const watch: PageWatch = { foreignRequests: [], cspViolations: [], pageErrors: [], requests: [], apiFailures: [] };
  pageWatches.push(watch);
  page.on('request', (request) => {
    const url = new URL(request.url());
    watch.requests.push(`${request.method()} ${url.pathname}`);
    if (LOCAL_SCHEMES.has(url.protocol)) return;
    if (url.origin !== origin) watch.foreignRequests.push(request.url());
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) {
      watch.cspViolations.push(message.text());
    }
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() < 400 || !url.pathname.startsWith('/api/')) return;
    const line = `${response.status()} ${response.request().method()} ${url.pathname}${url.search}`;
    response
      .text()
      .then((body) => watch.apiFailures.push(`${line} ${body.slice(0, 300)}`))
      .catch(() => watch.apiFailures.push(line));
  });
  return watch;
}

export async function newContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  // Reduced motion (the app then turns Ant Design's animations off): on a loaded 2-core machine a click could
  // be aimed at a dialog's button while the dialog was still zooming in, and land on the mask behind it,
  // which closes the dialog unsaved.
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  // Generous: the embedded database on a loaded CI machine can take seconds per request.
  context.setDefaultTimeout(60_000);
  return context;
}

/**
 * A new page signed in as a demo account (password of the demo data set) in the given interface language,
 * watched for foreign requests and page errors (the watch is appended to `watches` for the journey's checks).
 */
export async function demoPage(
  browser: Browser,
  baseUrl: string,
  watches: PageWatch[],
  username: string,
  options: { language?: 'zh-CN' | 'en-US'; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await newContext(browser, baseUrl);
  const page = await context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  watches.push(watchPage(page, baseUrl));
  await page.goto('/login');
  await page.evaluate((lang) => window.localStorage.setItem('biomfg.language', lang), options.language ?? 'zh-CN');
  const login = await page.request.post('/api/auth/login', { data: { username, password: 'Jinshan#2023' } });
  if (!login.ok()) throw new Error(`login ${username} failed: ${login.status()}`);
  return page;
}

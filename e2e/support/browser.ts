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
}

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

export function watchPage(page: Page, baseUrl: string): PageWatch {
  const origin = new URL(baseUrl).origin;
  const watch: PageWatch = { foreignRequests: [], cspViolations: [], pageErrors: [], requests: [] };
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
  return watch;
}

export async function newContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // Generous: the embedded database on a loaded CI machine can take seconds per request.
  context.setDefaultTimeout(60_000);
  return context;
}

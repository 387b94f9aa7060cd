import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { NEW_PASSWORD, TEMPORARY_PASSWORD } from '../support/accounts.ts';
import { launchBrowser, newContext, watchPage } from '../support/browser.ts';
import { switchLanguage } from '../support/screens.ts';
import { startServer } from '../support/server.ts';
import type { RunningServer } from '../support/server.ts';
import { submitLogin, submitPasswordChange } from '../support/sign-in.ts';

/**
 * Journey 2: on the closed government network nothing may be fetched from anywhere but the platform's own
 * server — no CDN, web font, map tile or analytics. Every request of a whole session is checked, under the
 * server's real CSP, and every state-changing API call must carry the CSRF token.
 */
describe('the web app stays on its own server', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer([{ username: 'e2e_offline', role: 'commission', password: TEMPORARY_PASSWORD, displayName: '离线测试' }]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is served with a strict CSP and has no inline script', async () => {
    const response = await fetch(`${server.baseUrl}/login`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/connect-src 'self'/);
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/https?:\/\//i);
  });

  it('makes no request that leaves the server during a whole session', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    const watch = watchPage(page, server.baseUrl);
    const mutationsWithoutCsrf: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      const isMutation = request.method() !== 'GET' && url.pathname.startsWith('/api/');
      // The login itself has no session yet, hence no token.
      if (isMutation && url.pathname !== '/api/auth/login' && !request.headers()['x-csrf-token']) {
        mutationsWithoutCsrf.push(`${request.method()} ${url.pathname}`);
      }
    });

    await page.goto('/');
    await page.waitForURL('**/login');
    await submitLogin(page, 'e2e_offline', TEMPORARY_PASSWORD);
    await page.getByTestId('password-policy').waitFor();
    await submitPasswordChange(page, TEMPORARY_PASSWORD, NEW_PASSWORD);
    await page.locator('.shell').waitFor();

    // Every page of the menu, in both languages, plus a reload (session restored from the cookie).
    for (const language of ['zh-CN', 'en-US'] as const) {
      await switchLanguage(page, language);
      for (const path of ['/', '/enterprises', '/account/password', '/no-such-page']) {
        await page.goto(path);
        await page.locator('.shell__content').waitFor();
        await page.waitForLoadState('networkidle');
      }
    }
    await page.reload();
    await page.locator('.shell').waitFor();
    // The shell can show before the restored session's route renders: poll for the 404 page.
    await expect.poll(() => page.locator('.status-screen--not-found').count()).toBe(1);

    // A page of another role: the route guard shows the 403 page, the server was not asked for user data.
    await page.goto('/admin/users');
    await page.locator('.status-screen--forbidden').waitFor();
    expect(watch.requests.filter((r) => r.includes('/api/admin/'))).toEqual([]);

    await page.getByTestId('user-menu').click();
    await page.locator('.ant-dropdown-menu-item-danger').click();
    await page.waitForURL('**/login');

    expect(watch.requests.length).toBeGreaterThan(10);
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(mutationsWithoutCsrf).toEqual([]);
    await context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { NEW_PASSWORD, TEMPORARY_PASSWORD } from '../support/accounts.ts';
import { launchBrowser, newContext, watchPage } from '../support/browser.ts';
import { startServer } from '../support/server.ts';
import type { RunningServer } from '../support/server.ts';
import { submitLogin, submitPasswordChange } from '../support/sign-in.ts';

/**
 * Journey 1: an account created on the console must change its temporary password at first sign-in, then sees
 * the menu of its role, and can log out.
 */
describe('first sign-in of a new district leader', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer([{ username: 'e2e_leader', role: 'leader', password: TEMPORARY_PASSWORD, displayName: '测试区领导' }]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('forces a password change, shows the leader menu, and logs out', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    const watch = watchPage(page, server.baseUrl);

    // A deep link without a session lands on the login page.
    await page.goto('/enterprises');
    await page.waitForURL('**/login');
    await page.locator('h2', { hasText: '用户登录' }).waitFor();

    // Wrong password: the server's Chinese message is shown, we stay on the form.
    await submitLogin(page, 'e2e_leader', 'not-the-password');
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();

    await submitLogin(page, 'e2e_leader', TEMPORARY_PASSWORD);
    await page.locator('h2', { hasText: '请设置新密码' }).waitFor();
    await page.getByTestId('password-policy').waitFor();

    // A new password that breaks the policy: each violation from error.details is listed.
    await submitPasswordChange(page, TEMPORARY_PASSWORD, 'abcdefghijkl');
    const violations = page.getByTestId('password-violations');
    await violations.waitFor();
    expect(await violations.locator('li').count()).toBeGreaterThan(0);

    await submitPasswordChange(page, TEMPORARY_PASSWORD, NEW_PASSWORD);

    // The app, with the leader's menu; the deep link is remembered.
    await page.waitForURL('**/enterprises');
    const menu = page.locator('.ant-menu');
    await menu.getByText('企业库').waitFor();
    // Later issues add entries to the leader's menu; this journey pins only what it is about.
    const entries = await menu.locator('.ant-menu-item').allInnerTexts();
    expect(entries[0]).toBe('首页');
    expect(entries).toContain('企业库');
    expect(entries).not.toContain('用户管理');
    await page.locator('.ant-table').waitFor();
    await expect(page.getByTestId('user-menu').innerText()).resolves.toContain('测试区领导');

    await menu.getByText('首页').click();
    await page.getByText('您好，测试区领导').waitFor();

    // Log out: back to the login page, and the server session is gone.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: /退出登录/ }).click();
    await page.waitForURL('**/login');
    await page.locator('h2', { hasText: '用户登录' }).waitFor();
    const probe = await page.request.get('/api/auth/session');
    expect(probe.status()).toBe(401);

    expect(watch.foreignRequests).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { NEW_PASSWORD, TEMPORARY_PASSWORD } from '../support/accounts.ts';
import { launchBrowser, newContext, watchPage } from '../support/browser.ts';
import type { PageWatch } from '../support/browser.ts';
import { confirmEnrolmentOnPage } from '../support/mfa.ts';
import { screenshot, switchLanguage } from '../support/screens.ts';
import { startServer } from '../support/server.ts';
import type { RunningServer } from '../support/server.ts';
import { submitLogin } from '../support/sign-in.ts';

const DEMO_PASSWORD = 'Jinshan#2023';

/**
 * Journey 3: screenshots of the login page and the shell in both languages (plus each role's pages), saved to
 * e2e/screenshots/ for a person to look at. The assertions catch what a screenshot shows badly: untranslated
 * strings and horizontal overflow.
 */
describe('screens in zh-CN and en-US', () => {
  let server: RunningServer;
  let browser: Browser;
  const opened: { context: BrowserContext; watch: PageWatch }[] = [];

  beforeAll(async () => {
    server = await startServer([{ username: 'e2e_newbie', role: 'leader', password: TEMPORARY_PASSWORD }], { demoEnterprises: 12 });
    browser = await launchBrowser();
  });

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      const last = opened.at(-1)?.context.pages().at(-1);
      if (last) await screenshot(last, `failure-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      console.error(`${task.name} failed; server output (end):\n${server.output().slice(-4000)}`);
    });
  });

  afterAll(async () => {
    for (const { watch } of opened) {
      expect(watch.foreignRequests).toEqual([]);
      expect(watch.cspViolations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
    await browser?.close();
    await server?.stop();
  });

  async function openPage(): Promise<Page> {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    opened.push({ context, watch: watchPage(page, server.baseUrl) });
    return page;
  }

  async function expectNoHorizontalOverflow(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  /**
   * Visible text with Chinese characters on a page that should be in English. Data is Chinese on purpose:
   * `ignoreSelector` skips data regions (tables), `dataValues` (people's names …) are removed before checking.
   */
  async function hanTextOutside(page: Page, ignoreSelector: string, dataValues: readonly string[] = []): Promise<string[]> {
    return page.evaluate(
      ({ ignore, values }) => {
        const found: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          if (!parent || (ignore && parent.closest(ignore))) continue;
          if (parent.closest('[aria-hidden="true"], .language-switch')) continue;
          const text = values.reduce((rest, value) => rest.split(value).join(''), node.textContent?.trim() ?? '');
          if (/\p{Script=Han}/u.test(text) && parent.offsetParent !== null) found.push(text);
        }
        return found;
      },
      { ignore: ignoreSelector, values: [...dataValues] },
    );
  }

  it('login page', async () => {
    const page = await openPage();
    await page.goto('/login');
    await page.locator('#username').waitFor();
    await screenshot(page, 'login.zh-CN');
    await expectNoHorizontalOverflow(page);
    await switchLanguage(page, 'en-US');
    await page.locator('h2', { hasText: 'Sign in' }).waitFor();
    await screenshot(page, 'login.en-US');
    expect(await hanTextOutside(page, '')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 800 });
    await screenshot(page, 'login.en-US.narrow');
    await expectNoHorizontalOverflow(page);
  });

  it('forced password change', async () => {
    const page = await openPage();
    await page.goto('/login');
    await submitLogin(page, 'e2e_newbie', TEMPORARY_PASSWORD);
    await page.getByTestId('password-policy').waitFor();
    await page.locator('#newPassword').fill('short');
    await screenshot(page, 'password-change.zh-CN');
    await switchLanguage(page, 'en-US');
    await screenshot(page, 'password-change.en-US');
    expect(await hanTextOutside(page, '')).toEqual([]);
  });

  it('shell of a business role: home and enterprises', async () => {
    const page = await openPage();
    await page.goto('/login');
    await submitLogin(page, 'demo_leader', DEMO_PASSWORD);
    await page.locator('.shell').waitFor();
    await page.locator('.page-header__title').waitFor();
    await screenshot(page, 'shell-home.zh-CN');
    await expectNoHorizontalOverflow(page);

    await page.locator('.ant-menu').getByText('企业库').click();
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'enterprises.zh-CN');
    await expectNoHorizontalOverflow(page);
    // antd's own texts (pagination, date picker …) follow the UI language too.
    await expect(page.locator('.ant-pagination-options').innerText()).resolves.toContain('条/页');

    await switchLanguage(page, 'en-US');
    await page.locator('.page-header__title', { hasText: 'Enterprises' }).waitFor();
    await screenshot(page, 'enterprises.en-US');
    // Enterprise names, zones and domains are data (Chinese on purpose); everything else must be English.
    expect(await hanTextOutside(page, '.ant-table-tbody', ['演示-区领导'])).toEqual([]);

    await page.locator('.ant-menu').getByText('Home').click();
    await page.locator('.page-header__title', { hasText: 'Welcome' }).waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: /Log out my other sessions/ }).waitFor();
    await screenshot(page, 'shell-home.en-US');
    expect(await hanTextOutside(page, '', ['演示-区领导'])).toEqual([]);
  });

  it('system administrator: two-step enrolment and users', async () => {
    const page = await openPage();
    await page.goto('/login');
    await submitLogin(page, 'demo_sysadmin', DEMO_PASSWORD);
    await page.getByTestId('mfa-secret').waitFor();
    await screenshot(page, 'mfa-enrol.zh-CN');
    await confirmEnrolmentOnPage(page);
    await screenshot(page, 'mfa-recovery-codes.zh-CN');
    await page.locator('.ant-checkbox-input').check();
    await page.getByRole('button', { name: /继\s*续/ }).click();
    await page.waitForURL('**/admin/users');
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'users.zh-CN');
    await expectNoHorizontalOverflow(page);

    await page.getByRole('button', { name: /新建用户/ }).click();
    await page.locator('.ant-modal #username').fill('e2e_created');
    await page.locator('.ant-modal #displayName').fill('新建测试用户');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.getByTestId('temporary-password').waitFor();
    await screenshot(page, 'users-temporary-password.zh-CN');
    await page.getByRole('button', { name: /我已记下/ }).click();

    await switchLanguage(page, 'en-US');
    await page.locator('.page-header__title', { hasText: 'Users' }).waitFor();
    await screenshot(page, 'users.en-US');
    expect(await hanTextOutside(page, '.ant-table-tbody', ['演示-系统管理员'])).toEqual([]);
  });

  it('security administrator and auditor pages', async () => {
    const page = await openPage();
    await page.goto('/login');
    await submitLogin(page, 'demo_secadmin', DEMO_PASSWORD);
    await confirmEnrolmentOnPage(page);
    await page.locator('.ant-checkbox-input').check();
    await page.locator('.auth__card .ant-btn-primary').click();
    await page.waitForURL('**/security/roles');
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'roles.zh-CN');
    // The scope picker of a scoped role shows the current scope and searches the server's options.
    await page.locator('.ant-table-row', { hasText: 'demo_department' }).getByRole('button').click();
    const modal = page.locator('.ant-modal');
    await modal.locator('.ant-select-selection-item', { hasText: '责任单位' }).waitFor();
    await modal.locator('.ant-select').nth(1).click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').first().waitFor();
    await screenshot(page, 'assign-role.zh-CN');
    // Close the open drop-down by clicking the dialog's title (Escape may close the dialog itself, depending on
    // where the focus is), then leave with 取消 and wait until the dialog is gone.
    await modal.locator('.ant-modal-title').click();
    await page.locator('.ant-select-dropdown').first().waitFor({ state: 'hidden' });
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: '角色权限' }).click();
    await screenshot(page, 'role-permissions.zh-CN');
    await page.locator('.ant-menu').getByText('安全设置').click();
    await page.locator('#passwordMinLength').waitFor();
    await screenshot(page, 'security-settings.zh-CN');
    await switchLanguage(page, 'en-US');
    await screenshot(page, 'security-settings.en-US');
    expect(await hanTextOutside(page, '', ['演示-安全管理员'])).toEqual([]);

    const auditor = await openPage();
    await auditor.goto('/login');
    await submitLogin(auditor, 'demo_auditor', DEMO_PASSWORD);
    await confirmEnrolmentOnPage(auditor);
    await auditor.locator('.ant-checkbox-input').check();
    await auditor.locator('.auth__card .ant-btn-primary').click();
    await auditor.waitForURL('**/audit');
    await auditor.locator('.ant-table-row').first().waitFor();
    await auditor.getByRole('button', { name: /校验完整性/ }).click();
    await auditor.getByTestId('verify-result').waitFor();
    await auditor.locator('.ant-table-row-expand-icon').first().click();
    await screenshot(auditor, 'audit.zh-CN');
    // The action filter offers the codes by their Chinese labels.
    await auditor.locator('#action').fill('登录');
    const option = auditor.locator('.ant-select-item-option', { hasText: 'auth.login' }).first();
    await option.waitFor();
    await screenshot(auditor, 'audit-action-filter.zh-CN');
    await option.click();
    await expect.poll(() => auditor.locator('#action').inputValue()).toBe('auth.login');
    await auditor.getByRole('button', { name: /查\s*询|搜\s*索/ }).first().click();
    // The list reloads with sign-ins only (a broken filter times out here).
    await auditor.waitForFunction(() => {
      const codes = [...document.querySelectorAll('.ant-table-row div.mono.muted')].map((e) => e.textContent);
      return codes.length > 0 && codes.every((c) => c === 'auth.login');
    });
    await switchLanguage(auditor, 'en-US');
    await screenshot(auditor, 'audit.en-US');
    await expectNoHorizontalOverflow(auditor);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, watchPage } from '../support/browser.ts';
import { screenshot, switchLanguage } from '../support/screens.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const DEMO_PASSWORD = 'Jinshan#2023';
const waitIdle = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-table-placeholder .ant-spin'), null, { timeout: 60_000 });

async function signIn(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  const page = await (await newContext(browser, baseUrl)).newPage();
  expect((await page.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })).ok()).toBe(true);
  return page;
}
const liveCount = async (page: Page) => ((await (await page.request.get('/api/warnings/rollup')).json()) as { total: { count: number } }).total.count;

/**
 * Journey (issue 11 §1): the commission lowers a rule's threshold on the rules tab → more warnings appear on
 * the warnings page and the cockpit's badges → the park acknowledges and resolves one of its zone's → its
 * count drops by one. Screenshots of the pages in zh-CN and en-US.
 */
describe('warnings: a rule change, the park follows up, the counts', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer([], { demoEnterprises: 150 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs end to end', async () => {
    const commission = await signIn(browser, server.baseUrl, 'demo_commission');
    const watch = watchPage(commission, server.baseUrl);
    const before = await liveCount(commission);

    // 1. The rules tab: lower the YoY drop threshold to 0 % (any fall).
    await commission.goto('/warnings');
    await waitIdle(commission);
    await commission.getByRole('tab', { name: '预警规则' }).click();
    const row = commission.locator('.ant-table-tbody tr', { hasText: '企业累计同比大幅下降' });
    await row.getByRole('button', { name: /修\s*改/ }).click();
    const dialog = commission.locator('.ant-modal', { hasText: '降幅阈值' });
    await dialog.getByLabel('降幅阈值（%）', { exact: true }).fill('0');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const confirm = commission.locator('.ant-modal-confirm');
    await Promise.race([confirm.waitFor({ timeout: 60_000 }).then(() => confirm.getByRole('button', { name: /确\s*定|OK/ }).click()), commission.getByText(/规则已保存/).waitFor({ timeout: 60_000 })]);
    await commission.getByText(/规则已保存/).waitFor({ timeout: 60_000 });
    await expect.poll(() => liveCount(commission)).toBeGreaterThan(before);
    await screenshot(commission, 'warnings-rules.zh-CN');

    // 2. The warnings list and the cockpit's badges show them.
    await commission.getByRole('tab', { name: '预警列表' }).click();
    await waitIdle(commission);
    await expect.poll(() => commission.locator('.ant-table-tbody tr', { hasText: '企业累计同比大幅下降' }).count()).toBeGreaterThan(0);
    await screenshot(commission, 'warnings-list.zh-CN');
    await commission.goto('/cockpit');
    await waitIdle(commission);
    await expect.poll(() => commission.getByTestId('warning-badge').count()).toBeGreaterThan(0);
    await screenshot(commission, 'cockpit-warnings.zh-CN');
    await switchLanguage(commission, 'en-US');
    await commission.goto('/warnings');
    await waitIdle(commission);
    await screenshot(commission, 'warnings-list.en-US');
    await commission.getByRole('tab', { name: 'Rules' }).click();
    await screenshot(commission, 'warnings-rules.en-US');

    // 3. The park acknowledges and resolves one of its zone's warnings; its count drops by one.
    const park = await signIn(browser, server.baseUrl, 'demo_park');
    const parkBefore = await liveCount(park);
    expect(parkBefore).toBeGreaterThan(0);
    await park.goto('/warnings');
    await waitIdle(park);
    await park.locator('.ant-table-tbody tr', { hasText: '企业累计同比大幅下降' }).first().click();
    const drawer = park.locator('.ant-drawer');
    await drawer.getByRole('button', { name: /签\s*收/ }).click();
    await drawer.locator('.ant-tag', { hasText: '已签收' }).waitFor();
    await screenshot(park, 'warnings-drawer.zh-CN');
    await drawer.getByRole('button', { name: /办\s*结/ }).click();
    const reason = park.locator('.ant-modal textarea');
    await reason.fill('已走访企业，订单恢复');
    await park.locator('.ant-modal').getByRole('button', { name: /确\s*定|OK/ }).click();
    await drawer.locator('.ant-tag', { hasText: '已办结' }).waitFor();
    await expect.poll(() => liveCount(park)).toBe(parkBefore - 1);
    // The same warning in English: leave the drawer (it covers the header), switch, open it again by its link.
    const link = park.url();
    await park.goto('/warnings');
    await waitIdle(park);
    await switchLanguage(park, 'en-US');
    await park.goto(link);
    await park.locator('.ant-drawer').getByText('Resolved').first().waitFor();
    await screenshot(park, 'warnings-drawer.en-US');

    expect(watch.pageErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});

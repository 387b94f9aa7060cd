import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PASSWORD, TEMPORARY_PASSWORD } from '../support/accounts.ts';
import { launchBrowser, newContext, watchPage } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { signInViaApi } from '../support/sign-in.ts';

const DEMO_PASSWORD = 'Jinshan#2023';
const ZONES = ['innovation-city', 'medicine-port', 'materials-bay', 'agri-park', 'energy-valley'] as const;
const waitIdle = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-table-placeholder .ant-spin'), null, { timeout: 60_000 });

/**
 * Journey (issue 17): the commission opens 催报, reminds one enterprise with one click and sees the last
 * reminder filled in; the demo enterprise submits two months, its zone's park selects both on the reports
 * list, one of them is passed elsewhere meanwhile, and the batch answers with one success and one refusal.
 */
describe('report chasing: the list, a reminder, batch review with one failing report', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(
      ZONES.map((zone) => ({ username: `park_${zone.replace('-', '_')}`, role: 'park', password: TEMPORARY_PASSWORD, scope: zone })),
      { demoEnterprises: 6 },
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs end to end', async () => {
    // 0. Who the demo enterprise is (it has the demo's only enterprise account).
    const enterprise = await (await newContext(browser, server.baseUrl)).newPage();
    expect((await enterprise.request.post('/api/auth/login', { data: { username: 'demo_enterprise', password: DEMO_PASSWORD } })).ok()).toBe(true);
    const me = (await (await enterprise.request.get('/api/auth/session')).json()) as { user: { scope: { id: string; name: string } }; csrfToken: string };
    const csrf = me.csrfToken;
    const enterpriseId = me.user.scope.id;

    // 1. The commission's chasing list and a one-click reminder.
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    const watch = watchPage(page, server.baseUrl);
    expect((await page.request.post('/api/auth/login', { data: { username: 'demo_commission', password: DEMO_PASSWORD } })).ok()).toBe(true);
    await page.goto('/reports');
    await waitIdle(page);
    await page.getByTestId('open-chasing').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('催报：').waitFor();
    // A month before the demo series: nobody has reported it.
    const picker = drawer.locator('.ant-picker input');
    await picker.click();
    await picker.fill('2018-04');
    await picker.press('Enter');
    await drawer.getByText('催报：2018-04').waitFor();
    await waitIdle(page);
    const row = drawer.locator('.ant-table-tbody tr', { hasText: me.user.scope.name });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.innerText()).toContain('未提醒');
    await row.getByRole('button', { name: /提\s*醒/ }).click();
    await page.getByText(/已提醒 1 家/).waitFor();
    await expect.poll(() => row.innerText()).not.toContain('未提醒');
    await context.close();

    // 2. The demo enterprise submits two months before the demo series (no history rules apply).
    const ids: string[] = [];
    for (const period of ['2018-05', '2018-06']) {
      const created = await enterprise.request.post('/api/monthly-reports', {
        data: { period, values: { output: 100, sales: 90, export: 0, revenue: 95, profit: 5, tax: 3, rd: 2, energy: 10, employees: 20 }, explanation: null },
        headers: { 'x-csrf-token': csrf },
      });
      expect(created.status(), await created.text()).toBe(201);
      const body = (await created.json()) as { id: string; version: number };
      const submitted = await enterprise.request.post(`/api/monthly-reports/${body.id}/submit`, { data: { version: body.version }, headers: { 'x-csrf-token': csrf } });
      expect(submitted.status(), await submitted.text()).toBe(200);
      ids.push(body.id);
    }
    const zone = ((await (await enterprise.request.get(`/api/enterprises/${enterpriseId}`)).json()) as { zone: { code: string } }).zone.code;

    // 3. The enterprise's park selects both on its review tab; one is passed elsewhere before the batch runs.
    const parkContext = await newContext(browser, server.baseUrl);
    const park = await parkContext.newPage();
    await signInViaApi(park, `park_${zone.replace('-', '_')}`, TEMPORARY_PASSWORD, NEW_PASSWORD);
    await park.goto('/reports');
    await waitIdle(park);
    for (const period of ['2018-05', '2018-06']) {
      await park.locator('.ant-table-tbody tr').filter({ has: park.locator('td', { hasText: new RegExp(`^${period}$`) }) }).locator('.ant-checkbox-input').check();
    }
    await park.getByTestId('batch-review').getByText('批量通过（2）').waitFor();
    const parkCsrf = (await (await park.request.get('/api/auth/session')).json()).csrfToken as string;
    const one = (await (await park.request.get(`/api/monthly-reports/${ids[0]}`)).json()) as { version: number };
    expect((await park.request.post(`/api/monthly-reports/${ids[0]}/review`, { data: { version: one.version, decision: 'pass' }, headers: { 'x-csrf-token': parkCsrf } })).status()).toBe(200);
    await park.getByTestId('batch-review').click();
    await park.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    const result = park.getByTestId('batch-result');
    await result.getByText('成功 1 份，失败 1 份').waitFor();
    expect(await result.locator('.ant-table-tbody tr').count()).toBe(2);
    expect(await result.locator('.ant-table-tbody tr', { hasText: '2018-06' }).innerText()).toContain('成功');
    expect(await result.locator('.ant-table-tbody tr', { hasText: '2018-05' }).innerText()).toContain('失败');
    expect(watch.pageErrors).toEqual([]);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CockpitView, DrillView } from '../../contracts/statistics.ts';
import { launchBrowser, newContext, watchPage, type PageWatch } from '../support/browser.ts';
import { screenshot, switchLanguage } from '../support/screens.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const DEMO_PASSWORD = 'Jinshan#2023';

/**
 * Issue 17, the daily views: drill-downs that say what their contribution and pull are relative to (and drop
 * them for a single enterprise), wide lists whose key columns fit 1440 px with a remembered column choice and
 * a sticky scrollbar, lists that show a loading state (never "no records") until the first answer, and the
 * workbench's warnings, 督办 and services lines linking to the filtered lists. Screenshots at 1440 and 1280 px
 * in both languages.
 */
describe('drill-down labels, wide tables, loading states, workbench lines', () => {
  let server: RunningServer;
  let browser: Browser;
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    server = await startServer([], { demoEnterprises: 12 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const watch of watches) expect(watch.pageErrors).toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  async function pageAs(username: string, language: 'zh-CN' | 'en-US' = 'zh-CN', width = 1440): Promise<Page> {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    watches.push(watchPage(page, server.baseUrl));
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/login');
    await page.evaluate((lang) => window.localStorage.setItem('biomfg.language', lang), language);
    const login = await page.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
    expect(login.ok()).toBe(true);
    return page;
  }

  /** Visible text with Han characters inside `root`, outside its data (table rows), the values given removed. */
  async function hanOutsideData(page: Page, root: string, dataValues: readonly string[]): Promise<string[]> {
    return page.evaluate(
      ([selector, values]) => {
        const found: string[] = [];
        const base = document.querySelector(selector as string);
        if (!base) return ['(missing)'];
        const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          if (!parent || parent.closest('.ant-table-tbody')) continue;
          const text = (values as string[]).reduce((rest, value) => rest.split(value).join(''), node.textContent?.trim() ?? '');
          if (/\p{Script=Han}/u.test(text) && parent.checkVisibility()) found.push(text);
        }
        return found;
      },
      [root, [...dataValues]] as const,
    );
  }

  /** A domain × zone cell of several enterprises that holds one of the top contributors, and that enterprise. */
  async function cellWithTopContributor(page: Page) {
    const cockpit = (await (await page.request.get('/api/statistics/cockpit?indicator=revenue')).json()) as CockpitView;
    for (const cell of cockpit.domainZone.filter((c) => c.enterprises > 1)) {
      const drill = (await (await page.request.get(`/api/statistics/drill?period=${cockpit.period}&indicator=revenue&by=domain-zone&key=${encodeURIComponent(cell.code)}`)).json()) as DrillView;
      const top = cockpit.topContributors.find((r) => drill.rows.some((row) => row.code === r.code));
      if (top) return { cockpit, cell, top };
    }
    throw new Error('no multi-enterprise cell holds a top contributor');
  }

  it('drill-downs label contribution and pull with their base; one enterprise gets no 100 % share', async () => {
    const page = await pageAs('demo_commission');
    const { cockpit, cell, top } = await cellWithTopContributor(page);
    await page.goto('/cockpit');
    const movers = page.getByTestId('top-contributors');
    await movers.getByText('增量为同口径 1—本月累计比上年同期的增加额').waitFor();
    const moverLine = movers.locator('.ant-list-item').filter({ hasText: top.key });
    const pullText = `+${top.pull!.toFixed(2)}`;
    await expect(moverLine.getByTestId('mover-figures').innerText()).resolves.toContain(`增量`);
    await expect(moverLine.getByTestId('mover-figures').innerText()).resolves.toContain(`拉动全区 ${pullText}`);
    // The domain × zone table's own columns say they are relative to the district.
    await page.getByRole('columnheader', { name: '贡献率（占全区增量）' }).waitFor();

    // The cell: every enterprise's share of the cell and pull on it, and its pull on the district beside them.
    const zoneIndex = cockpit.zones.findIndex((z) => z.code === cell.zone);
    const domain = cockpit.domains.find((d) => d.code === cell.domain)!;
    const rowOf = (name: string) => page.locator('.ant-table-tbody tr').filter({ has: page.locator('td').first().filter({ hasText: name }) }).first();
    const row = rowOf(domain.key);
    await row.locator('td').nth(zoneIndex + 1).locator('a').click();
    const modal = page.locator('.ant-modal-content');
    await modal.getByTestId('drill-note').getByText('贡献率 = 企业增量 ÷ 本格增量').waitFor();
    for (const header of ['贡献率（占本格增量）', '拉动本格（百分点）', '拉动全区（百分点）', '增量（万元）']) await modal.getByRole('columnheader', { name: header }).waitFor();
    const topRow = modal.locator('.ant-table-row').filter({ hasText: top.key });
    await expect(topRow.locator('td').last().innerText()).resolves.toBe(pullText);
    // The whole name, as a link to the enterprise's profile (一企一档).
    const link = topRow.getByTestId('drill-profile-link');
    await expect(link.innerText()).resolves.toBe(top.key);
    await expect(link.getAttribute('href')).resolves.toBe(`/enterprises/${top.code}`);
    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `drill-cell-${width}.zh-CN`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });

    // One enterprise: no share of itself or pull on itself, only its pull on the district — the list's number.
    await moverLine.getByTestId('mover-figures').click();
    await modal.getByTestId('drill-note').getByText('本格只有一家企业').waitFor();
    await expect(modal.getByRole('columnheader', { name: '贡献率（占本格增量）' }).count()).resolves.toBe(0);
    await expect(modal.locator('.ant-table-row').first().locator('td').last().innerText()).resolves.toBe(pullText);
    await screenshot(page, 'drill-enterprise-1440.zh-CN');
    await page.keyboard.press('Escape');

    // English: the same labels translated, no Chinese outside the data (enterprise names).
    await switchLanguage(page, 'en-US');
    await rowOf(domain.nameEn).locator('td').nth(zoneIndex + 1).locator('a').click();
    await modal.getByTestId('drill-note').getByText('share of cell change').waitFor();
    await modal.getByRole('columnheader', { name: 'Pull on district (pp)' }).waitFor();
    const names = (await (await page.request.get('/api/enterprises?pageSize=200')).json()) as { items: { name: string }[] };
    expect(await hanOutsideData(page, '.ant-modal-content', names.items.map((e) => e.name))).toEqual([]);
    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `drill-cell-${width}.en-US`);
    }
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('top-contributors').getByText(/pull on district/).first().waitFor();
    await screenshot(page, 'cockpit-movers-1440.en-US');
  });

  it('wide lists: the key columns fit 1440 px, the column choice is remembered, the scrollbar stays reachable', async () => {
    const page = await pageAs('demo_commission');
    await page.goto('/projects');
    await page.locator('.ant-table-row').first().waitFor();
    const container = (await page.locator('.ant-table-container').first().boundingBox())!;
    for (const name of ['责任单位', '总投资（万元）', '达产产值（万元）', '最近跟进']) {
      const box = (await page.getByRole('columnheader', { name, exact: false }).first().boundingBox())!;
      expect(box.x + box.width, name).toBeLessThanOrEqual(container.x + container.width + 1);
    }
    await screenshot(page, 'projects-1440.zh-CN');
    // A column picked on is there after a reload (remembered in this browser), and the default comes back on reset.
    await page.getByTestId('columns-projects').click();
    await page.locator('.column-settings').getByText('重点领域').click();
    await page.getByRole('columnheader', { name: '重点领域' }).waitFor();
    await page.reload();
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByRole('columnheader', { name: '重点领域' }).waitFor();
    // Wider than the screen now at 1280, and longer than a short window: the horizontal scrollbar sticks to the
    // window's bottom edge (antd shows it only while the table's own bottom is out of sight).
    await page.setViewportSize({ width: 1280, height: 500 });
    const sticky = page.locator('.ant-table-sticky-scroll');
    await sticky.waitFor();
    const bar = (await sticky.boundingBox())!;
    expect(bar.y + bar.height).toBeLessThanOrEqual(500);
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'projects-1280.zh-CN');
    await page.getByTestId('columns-projects').click();
    await page.getByTestId('columns-projects-reset').click();
    await expect.poll(() => page.getByRole('columnheader', { name: '重点领域' }).count()).toBe(0);

    // Experts: the phone column ends before the fixed action column begins.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/experts');
    await page.locator('.ant-table-row').first().waitFor();
    const phone = (await page.getByRole('columnheader', { name: '联系电话' }).first().boundingBox())!;
    const actions = (await page.locator('th.ant-table-cell-fix-right').first().boundingBox())!;
    expect(phone.x + phone.width).toBeLessThanOrEqual(actions.x + 1);
    await screenshot(page, 'experts-1440.zh-CN');
    await switchLanguage(page, 'en-US');
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'experts-1440.en-US');
    await page.goto('/projects');
    await page.locator('.ant-table-row').first().waitFor();
    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `projects-${width}.en-US`);
    }
  });

  it('lists show a loading state, not "no records", until the first answer', async () => {
    const page = await pageAs('demo_commission');
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/enterprises?*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/enterprises');
    await page.locator('.ant-table-wrapper .ant-spin-spinning').first().waitFor();
    await expect(page.locator('.ant-table-wrapper .ant-empty').count()).resolves.toBe(0);
    await expect(page.getByText('暂无企业').count()).resolves.toBe(0);
    release();
    await page.locator('.ant-table-row').first().waitFor();
  });

  it('the workbench counts open warnings, red 督办 items and services awaiting action, each linking to its list', async () => {
    const commission = await pageAs('demo_commission');
    await commission.goto('/');
    const todos = commission.getByTestId('workbench');
    for (const key of ['warnings', 'redWarnings', 'redItems', 'toAccept', 'bookingsToDecide']) await todos.getByTestId(`todo-${key}`).waitFor();
    const live = (await (await commission.request.get('/api/warnings?status=live&pageSize=1')).json()) as { total: number };
    await expect(todos.getByTestId('todo-warnings').locator('.ant-badge').first().innerText()).resolves.toBe(String(live.total));
    await todos.getByTestId('todo-redItems').locator('a').first().click();
    await commission.waitForURL('**/supervision?status=red');
    await commission.locator('.ant-table-row').first().waitFor();
    const colours = await commission.locator('.ant-table-row').evaluateAll((rows) => rows.length);
    expect(colours).toBeGreaterThan(0);
    await commission.goto('/');
    for (const width of [1440, 1280]) {
      await commission.setViewportSize({ width, height: 900 });
      await todos.getByTestId('todo-redItems').waitFor();
      await screenshot(commission, `workbench-lines-commission-${width}.zh-CN`);
    }
    const enterprise = await pageAs('demo_enterprise', 'en-US');
    await enterprise.goto('/');
    for (const key of ['toRate', 'myBookingsRequested', 'myBookingsComing']) await enterprise.getByTestId(`todo-${key}`).waitFor();
    await screenshot(enterprise, 'workbench-lines-enterprise-1440.en-US');
    const department = await pageAs('demo_department', 'en-US');
    await department.goto('/');
    for (const key of ['myItems', 'redItems', 'warnings', 'toAccept']) await department.getByTestId(`todo-${key}`).waitFor();
    await screenshot(department, 'workbench-lines-department-1440.en-US');
    const platform = await pageAs('demo_platform');
    await platform.goto('/');
    await platform.getByTestId('todo-bookingsToDecide').locator('a').first().click();
    await platform.waitForURL('**/services?tab=instruments&bookingStatus=requested');
  });
});

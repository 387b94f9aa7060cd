import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext } from '../support/browser.ts';
import { screenshot, switchLanguage } from '../support/screens.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { submitLogin } from '../support/sign-in.ts';

const DEMO_PASSWORD = 'Jinshan#2023';

/**
 * Issue 17: each role's workbench (工作台) on the home page, and the en-US rendering of the main pages. The
 * commission walks its whole menu in English; on every page no Chinese character may be visible outside data
 * (table rows, descriptions of a record, chart canvases, the signed-in person's name). Screenshots of the
 * workbench and the changed pages at 1440 × 900 and 1280 × 800, in both languages.
 */
describe('workbench and complete English', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer([], { demoEnterprises: 12 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(username: string): Promise<{ page: Page; name: string }> {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/login');
    await submitLogin(page, username, DEMO_PASSWORD);
    await page.locator('.shell').waitFor();
    const session = (await (await page.request.get('/api/auth/session')).json()) as { user: { displayName: string } };
    return { page, name: session.user.displayName };
  }

  /** Visible text with Han characters outside data regions, the person's name removed. */
  async function hanOutsideData(page: Page, dataValues: readonly string[]): Promise<string[]> {
    return page.evaluate((values) => {
      const DATA = '.ant-table-tbody, .ant-descriptions-item-content, canvas, svg, .ant-select-selection-item, .ant-tree, [data-chart]';
      const found: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest(DATA) || parent.closest('[aria-hidden="true"], .language-switch')) continue;
        const text = values.reduce((rest, value) => rest.split(value).join(''), node.textContent?.trim() ?? '');
        // Shown to the eye only: a chart's tooltip left hidden in the page (visibility/opacity) is not read.
        if (/\p{Script=Han}/u.test(text) && parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) found.push(text);
      }
      return found;
    }, [...dataValues]);
  }

  async function workbenchShots(page: Page, role: string): Promise<void> {
    await page.getByTestId('workbench').locator('.ant-list-item').first().waitFor();
    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `workbench-${role}-${width}.${await page.evaluate(() => document.documentElement.lang)}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  }

  it('the commission: to-dos that link to the filtered lists, and every menu page in English', async () => {
    const { page, name } = await signIn('demo_commission');
    await workbenchShots(page, 'commission');
    const todos = page.getByTestId('workbench');
    await todos.getByTestId('todo-toApprove').waitFor();
    await todos.getByTestId('todo-owing').waitFor();
    // A count links to the filtered list: the returned reports (not the commission's default queue).
    await todos.getByTestId('todo-returned').locator('a').first().click();
    await page.waitForURL('**/reports?status=returned');
    await page.locator('.ant-segmented-item-selected', { hasText: '已退回' }).waitFor();
    // …and says so with a removable tag; closing it shows the whole list
    await expect.poll(() => page.getByTestId('filter-tag-status').textContent()).toBe('状态：已退回×');
    await page.getByTestId('filter-tag-status').locator('.ant-tag-close-icon').click();
    await page.waitForURL((url) => !url.search.includes('status='));
    await page.locator('.ant-segmented-item-selected', { hasText: '全部' }).waitFor();
    expect(await page.getByTestId('filter-tags').count()).toBe(0);

    await page.goto('/');
    await switchLanguage(page, 'en-US');
    await workbenchShots(page, 'commission');
    expect(await hanOutsideData(page, [name])).toEqual([]);

    // The plan's own title and issuer are data (a Chinese policy document).
    const plan = (await (await page.request.get('/api/plan/active')).json()) as { title?: string | null; planTitle?: string; issuer?: string | null };
    const planData = [plan.title, plan.planTitle, plan.issuer].filter((v): v is string => !!v);
    // Enterprise names are data wherever a page shows them (e.g. the monitoring page's leading enterprises).
    const enterprisePage = (await (await page.request.get('/api/enterprises?pageSize=200')).json()) as { items: { name: string }[] };
    const enterpriseNames = enterprisePage.items.map((e) => e.name);
    // The goals' names and units are the policy's own words (产业规模, 亿元), shown as data on the forecast page.
    const goalView = (await (await page.request.get('/api/statistics/goals')).json()) as { goals: { metric: string; unit: string }[] };
    const goalWords = goalView.goals.flatMap((g) => [g.metric, g.unit]);
    const labels = await page.locator('.ant-menu .ant-menu-item').allInnerTexts();
    expect(labels.length).toBeGreaterThan(8);
    const failures: Record<string, string[]> = {};
    for (const label of labels) {
      await page.locator('.ant-menu .ant-menu-item', { hasText: label }).first().click();
      await page.locator('.page-header__title').first().waitFor();
      await page.waitForLoadState('networkidle');
      // Read the page once its data is shown, not its loading placeholders.
      await page.waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning'), null, { timeout: 90_000 });
      await page.waitForTimeout(300);
      const han = await hanOutsideData(page, [name, ...planData, ...enterpriseNames, ...goalWords]);
      if (han.length) failures[label] = han;
    }
    expect(failures).toEqual({});

    await page.locator('.ant-menu .ant-menu-item', { hasText: 'Cockpit' }).click();
    await page.getByText(/Milestone for \d{4}/).first().waitFor({ timeout: 90_000 });
    await page.waitForLoadState('networkidle');
    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `cockpit-${width}.en-US`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/operations');
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'operations.en-US');
    await page.goto('/reports?chase=1');
    await page.getByTestId('chase-drawer').locator('.ant-table-row').first().waitFor();
    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `chase-drawer-${width}.en-US`);
    }
    // Contacts are masked; 显示 / Show reveals one (the server audits it).
    const row = page.getByTestId('chase-drawer').locator('.ant-table-row').first();
    await expect(row.innerText()).resolves.toMatch(/\*{4}/);
    await row.getByTestId('reveal-personal').click();
    await expect.poll(() => row.innerText()).not.toMatch(/\*{4}/);
    await page.goto('/');
    await switchLanguage(page, 'zh-CN');
    await page.goto('/reports?chase=1');
    await page.getByTestId('chase-drawer').locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'chase-drawer-1280.zh-CN');
  });

  it('the enterprise and its park: their own to-dos', async () => {
    const { page } = await signIn('demo_enterprise');
    await workbenchShots(page, 'enterprise');
    await page.getByTestId('todo-nextDue').waitFor();
    await switchLanguage(page, 'en-US');
    await workbenchShots(page, 'enterprise');
    const park = await signIn('demo_park');
    await park.page.getByTestId('todo-toReview').waitFor();
    await workbenchShots(park.page, 'park');
  });

  it('the services and technology-transfer pages: English without Chinese outside data, screenshots in both languages', async () => {
    const { page, name } = await signIn('demo_commission');
    const get = async <T,>(url: string): Promise<T> => (await (await page.request.get(url)).json()) as T;
    // Data, not interface: the names enterprises, platforms, policies and listings were registered under.
    const enterprises = (await get<{ items: { name: string }[] }>('/api/enterprises?pageSize=200')).items.map((e) => e.name);
    const platforms = (await get<{ items: { name: string }[] }>('/api/platforms?pageSize=200')).items.map((p) => p.name);
    const instruments = (await get<{ items: { name: string; platformName?: string }[] }>('/api/services/instruments')).items.flatMap((i) => [i.name, i.platformName ?? '']);
    const policies = (await get<{ items: { code: string; title: string }[] }>('/api/services/policies')).items.flatMap((p) => [p.title, `${p.code} ${p.title}`]);
    const listings = (await get<{ items: { id: string; title: string; ownerName: string }[] }>('/api/tech-transfer/listings')).items;
    const data = [name, ...enterprises, ...platforms, ...instruments, ...policies, ...listings.flatMap((l) => [l.title, l.ownerName])].filter(Boolean);
    const pages = [
      ['services-requests', '/services?tab=requests'],
      ['services-instruments', '/services?tab=instruments'],
      ['services-utilisation', '/services?tab=operations'],
      ['services-policies', '/services?tab=policies'],
      ['services-matchmaking', '/services?tab=matchmaking'],
      ['services-funds', '/services?tab=funds'],
      ['tech-transfer-listings', '/tech-transfer?tab=listings'],
      ['tech-transfer-challenges', '/tech-transfer?tab=challenges'],
      ['tech-transfer-deals', '/tech-transfer?tab=deals'],
      ['tech-transfer-detail', `/tech-transfer/listings/${listings[0]!.id}`],
    ] as const;
    const failures: Record<string, string[]> = {};
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    for (const language of ['en-US', 'zh-CN'] as const) {
      await page.goto('/');
      await switchLanguage(page, language);
      for (const [key, url] of pages) {
        await page.goto(url);
        await page.locator('.page-header__title').first().waitFor();
        await page.waitForLoadState('networkidle');
        await page.waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning'), null, { timeout: 90_000 });
        // a page that failed to render (the error boundary's page) must not pass as "no Chinese"
        expect(await page.locator('.ant-result-error').count(), `${key} ${language}`).toBe(0);
        if (language === 'en-US') {
          const han = await hanOutsideData(page, data);
          // reference names (domains, zones, departments) inside tables have English forms too
          const tables = page.locator('.ant-card').filter({ hasText: /^(By domain|By zone)/ }).locator('.ant-table-tbody');
          for (const text of await tables.allInnerTexts()) if (/\p{Script=Han}/u.test(text)) han.push(text);
          if (han.length) failures[key] = han;
        }
        for (const width of [1440, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          await screenshot(page, `${key}-${width}.${language}`);
        }
        await page.setViewportSize({ width: 1440, height: 900 });
      }
    }
    expect(failures).toEqual({});
    expect(pageErrors).toEqual([]);
  });
});

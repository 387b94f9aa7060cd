import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccountEnterprise } from '../../server/src/domain/demo/accounts.ts';
import { lastCompleteMonth } from '../../server/src/domain/demo/calendar.ts';
import { generateDemoDataset } from '../../server/src/domain/demo/generate-demo.ts';
import { NEW_PASSWORD, TEMPORARY_PASSWORD } from '../support/accounts.ts';
import { launchBrowser, newContext, watchPage, type PageWatch } from '../support/browser.ts';
import { screenshot } from '../support/screens.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { signInViaApi } from '../support/sign-in.ts';

const DEMO_PASSWORD = 'Jinshan#2023';
const SUPPLIER_PHONE = '13955550123';

/**
 * Journey (issue 14 §2 Done-when): enterprise A (the demo enterprise) posts a need; enterprise B (a second
 * enterprise account) posts an offer; A finds B's offer among the proposed counterparts, with the reason, and
 * proposes; B agrees; A sees B's contact (audited) and records the deal. Screenshots in zh-CN and en-US.
 */
describe('supply–demand matchmaking: a need matched to an offer, both agree, the deal is recorded', () => {
  let server: RunningServer;
  let browser: Browser;
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    // B: an active demo enterprise other than the demo account's (same generator, same seed as `seed --demo`)
    const dataset = generateDemoDataset({ enterprises: 12, seed: 20231011, asOf: lastCompleteMonth(new Date()), includeMonthlyReports: false });
    const a = demoAccountEnterprise(dataset.enterprises);
    const b = dataset.enterprises.find((e) => e.status === 'active' && e.id !== a.id)!;
    server = await startServer([{ username: 'e2e_supplier', role: 'enterprise', password: TEMPORARY_PASSWORD, scope: b.uscc }], { demoEnterprises: 12 });
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

  async function pageAs(username: string, language: 'zh-CN' | 'en-US', sign: 'demo' | 'first' | 'changed' = 'demo'): Promise<Page> {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    watches.push(watchPage(page, server.baseUrl));
    await page.goto('/login');
    await page.evaluate((lang) => window.localStorage.setItem('biomfg.language', lang), language);
    if (sign === 'first') await signInViaApi(page, username, TEMPORARY_PASSWORD, NEW_PASSWORD);
    else expect((await page.request.post('/api/auth/login', { data: { username, password: sign === 'demo' ? DEMO_PASSWORD : NEW_PASSWORD } })).ok()).toBe(true);
    await page.goto('/services?tab=matchmaking');
    return page;
  }

  async function post(page: Page, kind: '需求' | '供给', title: string, description: string, phone: string) {
    await page.getByRole('button', { name: '发布供需' }).click();
    const modal = page.locator('.ant-modal-content');
    await modal.getByText(kind, { exact: true }).click();
    await modal.locator('#nodeId').fill('培养基');
    await page.keyboard.press('Enter');
    await modal.locator('#title').fill(title);
    await modal.locator('#description').fill(description);
    await modal.locator('#validUntil').click();
    await modal.locator('#validUntil').fill(`${new Date().getFullYear() + 1}-06-30`);
    await page.keyboard.press('Enter');
    await modal.locator('#contactName').fill(kind === '需求' ? '周敏' : '孙强');
    await modal.locator('#contactPhone').fill(phone);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-message').getByText('已发布').waitFor();
  }

  it('A posts a need, B an offer; A proposes B’s offer; B agrees; A sees the contact and records the deal', async () => {
    const a = await pageAs('demo_enterprise', 'zh-CN');
    await post(a, '需求', '采购无血清CHO细胞培养基（旅程）', '抗体中试线每月约2000升，要求化学成分限定。', '13811112222');
    const b = await pageAs('e2e_supplier', 'zh-CN', 'first');
    await post(b, '供给', '无血清CHO细胞培养基供应（旅程）', '化学成分限定CHO细胞培养基，批间差小，可定制补料。', SUPPLIER_PHONE);

    // A: the proposed counterparts of its need, with the reason
    await a.reload();
    await a.getByLabel('只看本企业').check();
    const needRow = a.locator('.ant-table-row').filter({ hasText: '采购无血清CHO细胞培养基（旅程）' });
    await needRow.getByRole('button', { name: '推荐对接' }).click();
    const drawer = a.locator('.ant-drawer-content');
    const offerItem = drawer.locator('.ant-list-item').filter({ hasText: '无血清CHO细胞培养基供应（旅程）' });
    await offerItem.waitFor();
    await expect.poll(() => offerItem.textContent()).toContain('同一产业链节点');
    expect(await offerItem.textContent()).toContain('培养基');
    await screenshot(a, 'matchmaking-candidates-zh-CN');
    await offerItem.getByRole('button', { name: '发起对接' }).click();
    await offerItem.getByText('已对接').waitFor();

    // B agrees in its matches
    await b.reload();
    await b.locator('.ant-segmented-item').filter({ hasText: '对接记录' }).click();
    const bRow = b.locator('.ant-table-row').filter({ hasText: '采购无血清CHO细胞培养基（旅程）' });
    await bRow.getByRole('button', { name: '同意对接' }).click();
    await bRow.getByText('双方已同意').waitFor();

    // A sees B's contact, then records the deal
    await a.reload();
    await a.locator('.ant-segmented-item').filter({ hasText: '对接记录' }).click();
    const aRow = a.locator('.ant-table-row').filter({ hasText: '采购无血清CHO细胞培养基（旅程）' });
    await aRow.getByRole('button', { name: '查看联系方式' }).click();
    await expect.poll(() => a.getByTestId('match-contacts').textContent()).toContain(SUPPLIER_PHONE);
    await screenshot(a, 'matchmaking-contacts-zh-CN');
    await a.locator('.ant-modal-confirm-btns button').click();
    await aRow.getByRole('button', { name: '登记结果' }).click();
    const outcome = a.locator('.ant-modal-content').filter({ hasText: '成交金额' });
    await outcome.locator('#amount').fill('88.50');
    await expect.poll(() => outcome.locator('#amount').inputValue()).toBe('88.50');
    // The save is a request: wait for its answer, so a refusal fails here with the server's reason
    const saved = a.waitForResponse((r) => r.request().method() === 'POST' && /\/matches\/[^/]+\/outcome$/.test(new URL(r.url()).pathname));
    await outcome.locator('.ant-modal-footer .ant-btn-primary').click();
    const answer = await saved;
    expect(answer.status(), await answer.text()).toBe(200);
    await aRow.getByText('已成交').waitFor();
    expect(await aRow.textContent()).toContain('88.50 万元');
    await screenshot(a, 'matchmaking-deal-zh-CN');

    const matches = (await (await a.request.get('/api/services/matchmaking/matches?status=deal&pageSize=100')).json()) as { items: { dealAmount: string; need: { title: string } }[] };
    expect(matches.items.find((m) => m.need.title === '采购无血清CHO细胞培养基（旅程）')?.dealAmount).toBe('88.50');
  });

  it('B reads the same match in English', async () => {
    // e2e_supplier changed its temporary password in the first step
    const page = await pageAs('e2e_supplier', 'en-US', 'changed');
    await page.locator('.ant-segmented-item').filter({ hasText: 'Matches' }).click();
    const row = page.locator('.ant-table-row').filter({ hasText: '采购无血清CHO细胞培养基（旅程）' });
    await row.getByText('Deal', { exact: true }).waitFor();
    await screenshot(page, 'matchmaking-matches-en-US');
    await page.locator('.ant-segmented-item').filter({ hasText: 'Postings' }).click();
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'matchmaking-postings-en-US');
  });
});

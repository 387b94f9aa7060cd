import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext } from '../support/browser.ts';
import { screenshot, switchLanguage } from '../support/screens.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const DEMO_PASSWORD = 'Jinshan#2023';
const JINGWEI_PASSWORD = 'Jinshan#Lead2023';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const waitIdle = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'), null, { timeout: 60_000 });
const shanghaiDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function signIn(browser: Browser, baseUrl: string, username: string, password: string, newPassword?: string) {
  const page = await (await newContext(browser, baseUrl)).newPage();
  expect((await page.request.post('/api/auth/login', { data: { username, password } })).ok()).toBe(true);
  const csrf = ((await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string }).csrfToken;
  // An account created on the console changes its temporary password first.
  if (newPassword) expect((await page.request.post('/api/auth/password', { data: { currentPassword: password, newPassword }, headers: { 'x-csrf-token': csrf } })).ok()).toBe(true);
  const call = async (method: 'get' | 'post' | 'put', url: string, data?: unknown) => {
    const r = await (page.request as APIRequestContext)[method](url, { ...(data === undefined ? {} : { data }), headers: { 'x-csrf-token': csrf } });
    expect(r.ok(), `${method} ${url}: ${r.status()} ${await r.text()}`).toBe(true);
    return r.json();
  };
  return { page, call, csrf };
}

type Item = { id: string; key: string; role: string; unit: string; status: string };

/**
 * Journey (issue 12, "done when"): the commission sets milestones for a measure of 六(一) → the lead unit 区经委
 * gets a reminder, reports with an attachment → the co-unit 区科委's report is consolidated → the commission
 * returns the lead's report and the item turns yellow → after resubmission and acceptance it is no longer
 * yellow; the board, the dual track and the bulletin show it. Screens in Chinese and English.
 */
describe('督办: milestones, reminder, report with evidence, consolidation, return, acceptance', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer([{ username: 'e2e_jingwei', role: 'department', password: JINGWEI_PASSWORD, scope: 'jingwei', displayName: '区经委督办员' }], { demoEnterprises: 6 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs end to end', async () => {
    const commission = await signIn(browser, server.baseUrl, 'demo_commission', DEMO_PASSWORD);
    const lead = await signIn(browser, server.baseUrl, 'e2e_jingwei', JINGWEI_PASSWORD, 'Jinshan#Duban2026');
    const co = await signIn(browser, server.baseUrl, 'demo_department', DEMO_PASSWORD); // 区科委
    const year = Number(shanghaiDay().slice(0, 4));
    const items = async () => (await commission.call('get', `/api/supervision/items?year=${year}`)).items as Item[];
    const all = await items();
    const item = all.find((i) => i.key === 'task-01-m2' && i.role === 'lead')!;
    const coItem = all.find((i) => i.key === 'task-01-m2' && i.unit === '区科委')!;
    expect(item.unit).toBe('区经委');

    // 1. Milestones (the third due in three days, Shanghai time; the first two are the year's done ones: milestones
    // keep their ids by position, and the demo's reports marked those two done), then the morning reminder job.
    const before = await commission.call('get', `/api/supervision/items/${item.id}?year=${year}`);
    const soon = shanghaiDay(3).startsWith(String(year)) ? shanghaiDay(3) : `${year}-12-31`;
    await commission.call('put', `/api/supervision/items/${item.id}/work-plan`, {
      year, cycle: 'quarterly', ...(before.workPlan ? { version: before.workPlan.version } : {}),
      milestones: [
        { title: '制定年度工作方案,明确责任分工', dueOn: `${year}-03-31`, evidenceExpected: '工作方案', weight: 20 },
        { title: '完成阶段性推进目标,形成工作台账', dueOn: `${year}-06-30`, evidenceExpected: '推进台账', weight: 30 },
        { title: '遴选创新型企业培育名单', dueOn: soon, evidenceExpected: '培育名单', weight: 50 },
      ],
    });
    await commission.call('post', '/api/jobs/supervision-reminders/run');
    await expect.poll(async () => ((await lead.call('get', '/api/notifications')).items as { kind: string }[]).some((n) => n.kind === 'supervision.reminder')).toBe(true);

    // 2. The lead unit reports on the item page with evidence; the co-unit reports and the lead consolidates.
    const detail = await lead.call('get', `/api/supervision/items/${item.id}?year=${year}`);
    const ids = detail.workPlan.milestones.map((m: { id: string }) => m.id);
    const period = `${year}-Q${Math.ceil(Number(shanghaiDay().slice(5, 7)) / 3)}`;
    const body = { period, percent: 100, milestones: [{ milestoneId: ids[0], status: 'done' }, { milestoneId: ids[1], status: 'done' }, { milestoneId: ids[2], status: 'done' }], doneText: '已遴选 18 家创新型企业', problems: '', nextSteps: '开展专项辅导', helpNeeded: '' };
    const report = await lead.call('post', `/api/supervision/items/${item.id}/reports`, body);
    const uploaded = await lead.page.request.post(`/api/attachments?ownerKind=supervision-report&ownerId=${report.id}`, { multipart: { file: { name: '培育名单.pdf', mimeType: 'application/pdf', buffer: PDF } }, headers: { 'x-csrf-token': lead.csrf } });
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    const coReport = await co.call('post', `/api/supervision/items/${coItem.id}/reports`, { ...body, doneText: '提供科技型企业名录' });
    await lead.call('post', `/api/supervision/reports/${coReport.id}/consolidate`, { version: coReport.version });

    // 3. The commission returns the lead's report: yellow.
    await commission.call('post', `/api/supervision/reports/${report.id}/review`, { decision: 'return', reason: '请补充企业名单佐证', version: report.version });
    expect((await items()).find((i) => i.id === item.id)!.status).toBe('yellow');
    const page = commission.page;
    await page.goto(`/supervision/items/${item.id}`);
    await waitIdle(page);
    await page.getByText('请补充企业名单佐证').first().waitFor();
    await page.getByText('培育名单.pdf').first().waitFor();
    await screenshot(page, 'supervision-item-returned-zh');

    // 4. Resubmitted (revision 2) and accepted: no longer yellow; the history keeps the return.
    const again = await lead.call('post', `/api/supervision/items/${item.id}/reports`, { ...body, doneText: '已遴选 18 家创新型企业,名单见附件', version: report.version + 1 });
    expect(again.revision).toBe(2);
    await commission.call('post', `/api/supervision/reports/${again.id}/review`, { decision: 'accept', version: again.version });
    expect(['green', 'blue']).toContain((await items()).find((i) => i.id === item.id)!.status);

    // 5. The board, the dual track and the bulletin.
    await page.goto('/supervision');
    await waitIdle(page);
    await page.getByRole('tab', { name: '部门看板' }).click();
    await page.getByText('责任单位量化评分').waitFor();
    await screenshot(page, 'supervision-board-zh');
    await page.getByRole('tab', { name: '双轨对照' }).click();
    await waitIdle(page);
    const dual = await commission.call('get', `/api/supervision/dual-track?year=${year}`);
    expect((dual.tasks as { flag: string | null }[]).some((t) => t.flag !== null)).toBe(true);
    await screenshot(page, 'supervision-dual-zh');
    const bulletin = await commission.call('post', '/api/supervision/bulletins', { period: shanghaiDay().slice(0, 7) });
    expect(bulletin.summary.items).toBeGreaterThan(0);

    await switchLanguage(page, 'en-US');
    await page.getByRole('tab', { name: 'Department board' }).click();
    await page.getByText('Units’ quantified appraisal').waitFor();
    await screenshot(page, 'supervision-board-en');
    await page.getByRole('tab', { name: 'Items' }).click();
    await screenshot(page, 'supervision-items-en');
    await page.goto(`/supervision/items/${item.id}`);
    await waitIdle(page);
    await page.getByText('Progress reports and history').waitFor();
    await screenshot(page, 'supervision-item-en');
  });
});

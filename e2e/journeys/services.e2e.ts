import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext } from '../support/browser.ts';
import { screenshot, switchLanguage } from '../support/screens.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const DEMO_PASSWORD = 'Jinshan#2023';
const waitIdle = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-table-placeholder .ant-spin'), null, { timeout: 60_000 });

async function signIn(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  const page = await (await newContext(browser, baseUrl)).newPage();
  expect((await page.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })).ok()).toBe(true);
  return page;
}
const csrf = async (page: Page) => ((await (await page.request.get('/api/auth/session')).json()) as { csrfToken?: string }).csrfToken ?? '';
async function post(page: Page, url: string, data: unknown, method: 'POST' | 'PUT' = 'POST') {
  return page.request.fetch(url, { method, data, headers: { 'x-csrf-token': await csrf(page) } });
}
/** A Shanghai wall-clock instant `days` ahead at `hour`:00. */
function slotAt(days: number, hour: number): string {
  const day = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
}

/**
 * Journeys of the enterprise services (issue 14 Done-when): an enterprise books an instrument it is trained on
 * and a concurrent booking of the same slot fails, the platform approves, the utilisation counts it; a 免申即享
 * policy lists its eligible enterprises and the commission confirms the awards; a request is routed, escalated
 * past its SLA, answered and rated. Screenshots in zh-CN and en-US.
 */
describe('enterprise services', () => {
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

  it('books, refuses the concurrent booking, approves, counts the utilisation', async () => {
    const platform = await signIn(browser, server.baseUrl, 'demo_platform');
    const enterprise = await signIn(browser, server.baseUrl, 'demo_enterprise');
    // the platform trains the enterprise user on one of its instruments (catalogue management)
    const managed = (await (await platform.request.get('/api/services/instrument-admin')).json()) as { items: { id: string; name: string }[] };
    const instrument = managed.items[0]!;
    const until = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    expect((await post(platform, `/api/services/instrument-admin/${instrument.id}/trainings`, { username: 'demo_enterprise', trainedOn: new Date().toISOString().slice(0, 10), expiresOn: until }, 'PUT')).ok()).toBe(true);

    // two concurrent bookings of the same slot: exactly one is stored
    const start = slotAt(2, 19);
    const end = slotAt(2, 20);
    const [a, b] = await Promise.all([0, 1].map(() => post(enterprise, '/api/services/bookings', { instrumentId: instrument.id, start, end, purpose: '旅程测试' })));
    expect([a!.status(), b!.status()].sort()).toEqual([201, 409]);
    const month = start.slice(0, 7);
    const before = (await (await platform.request.get(`/api/services/utilisation?month=${month}`)).json()) as { items: { instrumentId: string; bookedHours: number }[] };
    const bookedBefore = before.items.find((i) => i.instrumentId === instrument.id)!.bookedHours;

    await enterprise.goto('/services?tab=instruments');
    await waitIdle(enterprise);
    await screenshot(enterprise, 'services-instruments.zh-CN');

    // the platform approves it on its page
    await platform.goto('/services?tab=instruments');
    await waitIdle(platform);
    // The row of this booking: the demo data has requested bookings of its own, of other lengths, on the same
    // instrument (which of them sorts first depends on the day the journey runs).
    const shownDay = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(start));
    const row = platform
      .locator('.ant-table-tbody tr', { hasText: instrument.name })
      .filter({ hasText: `${shownDay} 19:00–20:00` })
      .filter({ has: platform.getByRole('button', { name: /通\s*过|批\s*准/ }) });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('button', { name: /通\s*过|批\s*准/ }).click();
    await expect
      .poll(async () => ((await (await platform.request.get(`/api/services/utilisation?month=${month}`)).json()) as typeof before).items.find((i) => i.instrumentId === instrument.id)!.bookedHours)
      .toBe(bookedBefore + 1);
    await platform.goto('/services?tab=operations');
    await waitIdle(platform);
    await screenshot(platform, 'services-operations.zh-CN');
    await platform.goto('/services?tab=catalogue');
    await waitIdle(platform);
    await screenshot(platform, 'services-catalogue.zh-CN');
    await switchLanguage(platform, 'en-US');
    await screenshot(platform, 'services-catalogue.en-US');
    await platform.goto('/services?tab=operations');
    await waitIdle(platform);
    await screenshot(platform, 'services-operations.en-US');
  }, 120_000);

  it('免申即享: the eligible list, the commission confirms the awards; funds and effect pages', async () => {
    const commission = await signIn(browser, server.baseUrl, 'demo_commission');
    const policies = (await (await commission.request.get('/api/services/policies')).json()) as { items: { code: string; mode: string }[] };
    const auto = policies.items.filter((p) => p.mode === 'auto');
    let code = '';
    let eligible: { uscc: string; awarded: boolean }[] = [];
    for (const p of auto) {
      const view = (await (await commission.request.get(`/api/services/policies/${p.code}/eligible`)).json()) as { eligible: { uscc: string; awarded: boolean }[] };
      if (view.eligible.some((e) => !e.awarded)) {
        code = p.code;
        eligible = view.eligible;
        break;
      }
    }
    expect(code).not.toBe('');
    const open = eligible.filter((e) => !e.awarded).map((e) => e.uscc);
    const result = await post(commission, `/api/services/policies/${code}/awards`, { usccs: open });
    expect(((await result.json()) as { confirmed: number }).confirmed).toBe(open.length);
    await commission.goto('/services?tab=funds');
    await waitIdle(commission);
    await commission.getByText(code).first().waitFor();
    await screenshot(commission, 'services-funds.zh-CN');
    await commission.goto('/services?tab=gaps');
    await waitIdle(commission);
    await screenshot(commission, 'services-gaps.zh-CN');
    await commission.goto('/services?tab=themes');
    await waitIdle(commission);
    await screenshot(commission, 'services-themes.zh-CN');
    await switchLanguage(commission, 'en-US');
    await commission.goto('/services?tab=funds');
    await waitIdle(commission);
    await screenshot(commission, 'services-funds.en-US');
    await commission.goto('/services?tab=gaps');
    await waitIdle(commission);
    await screenshot(commission, 'services-gaps.en-US');
  }, 120_000);

  it('a request is routed, escalated past its SLA, answered and rated', async () => {
    const enterprise = await signIn(browser, server.baseUrl, 'demo_enterprise');
    const commission = await signIn(browser, server.baseUrl, 'demo_commission');
    const created = await post(enterprise, '/api/services/requests', { category: 'permits', title: '旅程测试:药品生产许可证变更', description: '请协助办理' });
    expect(created.status()).toBe(201);
    const request = (await created.json()) as { id: string; target: { name: string }; version: number };
    expect(request.target.name).not.toBe('');
    // the demo's open requests past their SLA: the SLA job escalates them to the commission's inbox, and the
    // commission answers one of them
    const overdue = (await (await commission.request.get('/api/services/requests?overdue=true&page=1&pageSize=50')).json()) as {
      total: number;
      items: { id: string; code: string; status: string; version: number; sla: { phase: string }[] }[];
    };
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.every((item) => item.sla.some((step) => step.phase === 'overdue'))).toBe(true);
    expect((await post(commission, '/api/jobs/service-request-sla/run', {})).status()).toBe(202);
    const escalatedCodes = async () => {
      const inbox = (await (await commission.request.get('/api/notifications?page=1&pageSize=100')).json()) as { items: { kind: string; titleZh: string }[] };
      return inbox.items.filter((n) => n.kind === 'service-request.escalated').map((n) => n.titleZh);
    };
    await expect.poll(async () => (await escalatedCodes()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const titles = await escalatedCodes();
    const late = overdue.items.find((item) => titles.some((title) => title.includes(item.code)));
    expect(late, 'an overdue request escalated to the commission').toBeDefined();
    let lateVersion = late!.version;
    if (late!.status === 'submitted') {
      lateVersion = ((await (await post(commission, `/api/services/requests/${late!.id}/accept`, { plan: '已督办,安排专人', version: lateVersion })).json()) as { version: number }).version;
    }
    const lateReplied = (await (await post(commission, `/api/services/requests/${late!.id}/reply`, { reply: '超时件已办结', version: lateVersion })).json()) as { status: string };
    expect(lateReplied.status).toBe('replied');
    const accepted = (await (await post(commission, `/api/services/requests/${request.id}/accept`, { plan: '安排专人', version: request.version })).json()) as { version: number };
    const replied = (await (await post(commission, `/api/services/requests/${request.id}/reply`, { reply: '已办结', version: accepted.version })).json()) as { version: number; status: string };
    expect(replied.status).toBe('replied');
    const rated = (await (await post(enterprise, `/api/services/requests/${request.id}/rate`, { rating: 5, version: replied.version })).json()) as { status: string };
    expect(rated.status).toBe('closed');
  }, 120_000);
});

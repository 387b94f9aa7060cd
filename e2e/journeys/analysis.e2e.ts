import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, switchLanguage } from '../support/screens.ts';
import { demoJourney } from '../support/journey.ts';

/**
 * Journey (issue 11 §2–4): the commission opens the forecast — P(goal met) for 2025 and 2030, the fan chart and
 * the tornado — then generates the analysis report of the last closed month, downloads it, and its figures are
 * the cockpit's; the park sees its own zone's report only. Screenshots in zh-CN and en-US at 1440 × 900.
 */
describe('forecast and monthly analysis report', () => {
  const pageAs = demoJourney({ demoEnterprises: 150 }, { width: 1440, height: 900 });

  it('shows P(goal met) with the fan chart and tornado, and the report of the last closed month matches the cockpit', async () => {
    const commission = await pageAs('demo_commission');
    await commission.goto('/forecast');
    await commission.getByText('目标实现概率预测').first().waitFor();
    // The first forecast of fresh data is computed (a worker thread) while the start-up catch-up of the monthly
    // report job runs too: allow for a loaded machine.
    for (const year of [2025, 2030]) await commission.getByTestId(`goal-${year}-产业规模`).waitFor({ timeout: 300_000 });
    await expect.poll(() => commission.getByTestId('goal-2025-产业规模').innerText()).toContain('未实现');
    await commission.getByText(/敏感性/).first().waitFor();
    expect(await commission.locator('canvas').count()).toBeGreaterThanOrEqual(4);
    await screenshot(commission, 'analysis-forecast-zh');
    await switchLanguage(commission, 'en-US');
    await commission.getByText('Probability of meeting the goals').first().waitFor();
    await screenshot(commission, 'analysis-forecast-en');
    await switchLanguage(commission, 'zh-CN');

    // The last closed month, as the cockpit opens on it.
    const cockpit = (await (await commission.request.get('/api/statistics/cockpit?indicator=output')).json()) as { period: string; domains: { key: string; nominalYtd: number }[] };
    await commission.goto('/analysis-reports');
    await commission.getByText('月度运行分析报告').first().waitFor();
    const [y, m] = cockpit.period.split('-');
    await commission.locator('.ant-picker input').fill(`${y}-${m}`);
    await commission.locator('.ant-picker input').press('Enter');
    await commission.getByRole('button', { name: '生成报告' }).click();
    const row = commission.getByRole('row').filter({ has: commission.getByRole('cell', { name: cockpit.period, exact: true }) });
    await row.first().waitFor({ timeout: 180_000 });
    await screenshot(commission, 'analysis-reports-zh');
    await switchLanguage(commission, 'en-US');
    await commission.getByText('Monthly operation analysis reports').first().waitFor();
    await screenshot(commission, 'analysis-reports-en');

    const list = (await (await commission.request.get('/api/analysis-reports')).json()) as { items: { id: string; period: string; zoneCode: string | null }[] };
    const report = list.items.find((r) => r.period === cockpit.period && r.zoneCode === null)!;
    const download = await commission.request.get(`/api/analysis-reports/${report.id}/download`);
    expect(download.ok()).toBe(true);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await download.body()) })).value;
    for (const d of cockpit.domains) expect(text).toContain(`${d.key}\n\n${(d.nominalYtd / 10_000).toFixed(2)}`);

    // The park generates its zone's report and sees no other.
    const park = await pageAs('demo_park');
    const made = await park.request.post('/api/analysis-reports', { data: { period: cockpit.period }, headers: await csrf(park) });
    expect(made.ok()).toBe(true);
    const parkList = (await (await park.request.get('/api/analysis-reports')).json()) as { items: { zoneCode: string | null }[] };
    expect(new Set(parkList.items.map((r) => r.zoneCode))).toEqual(new Set(['medicine-port']));
  });
});

/** The CSRF header a write needs (the session's token, as the web app sends it). */
async function csrf(page: Page): Promise<Record<string, string>> {
  const session = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken?: string };
  return session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {};
}

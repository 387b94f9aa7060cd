import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/screens.ts';
import { demoJourney } from '../support/journey.ts';

/**
 * Journey: an enterprise fills in a month whose revenue is far above its usual level; submitting asks for a
 * 说明, it writes one and submits; its park reviews; the commission approves — and the district total the
 * cockpit reports grows by exactly that revenue. Screenshots in zh-CN and en-US along the way.
 */
describe('monthly report: enterprise → park → commission → cockpit', () => {
  // The demo enterprise account's firm is in 生物医药港, the demo park account's zone: the demo accounts walk it.
  // Demo reports end two months before the last finished month, so a finished month is left to report.
  const now = new Date();
  const asOf = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1));
  const pageAs = demoJourney({ demoEnterprises: 8, demoAsOf: `${asOf.getUTCFullYear()}-${String(asOf.getUTCMonth() + 1).padStart(2, '0')}` });

  /**
   * The list row of one enterprise's month. The period cell must match exactly: a row of the month before
   * carries this month in its deadline (the 10th of the next month). The name matters when the enterprise's
   * latest demo month was left unreported, since the new month is then one that other firms have reported too.
   */
  function reportRow(page: Page, period: string, enterpriseName: string) {
    return page.getByRole('row').filter({ has: page.getByRole('cell', { name: period, exact: true }) }).filter({ hasText: enterpriseName });
  }

  async function districtTotal(page: Page, period: string): Promise<number> {
    const res = await page.request.get(`/api/statistics/cockpit?period=${period}&indicator=revenue`);
    expect(res.ok()).toBe(true);
    return ((await res.json()) as { total: { nominalYtd: number } }).total.nominalYtd;
  }

  it('walks a report needing a 说明 through review and approval, and the cockpit total changes by its revenue', async () => {
    const enterprise = await pageAs('demo_enterprise');
    const latest = (await (await enterprise.request.get('/api/monthly-reports?pageSize=1')).json()) as { items: { period: string; enterpriseName: string; values: { revenue: number } }[] };
    const [y, m] = latest.items[0]!.period.split('-').map(Number) as [number, number];
    const period = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    const revenue = Math.round(latest.items[0]!.values.revenue * 5);
    const firm = latest.items[0]!.enterpriseName;

    await enterprise.goto('/reports');
    await enterprise.getByRole('button', { name: '填报月报' }).click();
    const drawer = enterprise.locator('.ant-drawer-content');
    const picker = drawer.locator('.ant-picker input');
    // The form opens empty on the earliest unreported month.
    await expect.poll(() => picker.inputValue()).toBe(period);
    expect(await drawer.locator('input#revenue').inputValue()).toBe('');
    // An empty report is refused, naming each required field; it stays a draft.
    await drawer.getByRole('button', { name: /^提\s*交$/ }).click();
    await drawer.getByText('请填写营业收入（万元），没有发生请填 0').first().waitFor();
    await screenshot(enterprise, 'statistics-report-empty-refused-zh');
    const values: Record<string, number> = { output: 4000, sales: 3900, export: 0, revenue, profit: 500, tax: 300, rd: 250, energy: 290, employees: 590 };
    for (const [field, value] of Object.entries(values)) await drawer.locator(`input#${field}`).fill(String(value));
    await drawer.getByRole('button', { name: /^提\s*交$/ }).click();
    // Refused: the month is far above the enterprise's median, so a 说明 is required first.
    await drawer.locator('textarea#explanation').waitFor();
    await screenshot(enterprise, 'statistics-report-needs-explanation-zh');
    await drawer.locator('textarea#explanation').fill('新产品获批上市，当月集中发货');
    await drawer.getByRole('button', { name: /^提\s*交$/ }).click();
    await drawer.getByText('待园区审核').first().waitFor();

    const park = await pageAs('demo_park');
    await park.goto('/reports');
    await reportRow(park, period, firm).click();
    // The reviewer sees the 说明 above the figures.
    await park.getByTestId('review-explanation').getByText('新产品获批上市，当月集中发货').waitFor();
    await screenshot(park, 'statistics-report-review-explanation-zh');
    await park.locator('.ant-drawer-content').getByRole('button', { name: '审核通过' }).click();
    await park.locator('.ant-drawer-content').getByText('待区经委审定').first().waitFor();

    const commission = await pageAs('demo_commission');
    const before = await districtTotal(commission, period);
    await commission.goto('/reports');
    await reportRow(commission, period, firm).click();
    await commission.locator('.ant-drawer-content').getByRole('button', { name: /^审\s*定$/ }).click();
    await commission.locator('.ant-drawer-content').getByText('已审定').first().waitFor();
    const after = await districtTotal(commission, period);
    expect(Math.round((after - before) * 10_000)).toBe(revenue * 10_000);

    await commission.goto('/cockpit');
    await commission.getByText('领域 × 功能区').first().waitFor();
    // The top movers of the month shown: an empty list in a month with approved figures says nobody rose (fell)
    // on the comparable basis, never that the month has no data.
    const shown = ((await (await commission.request.get('/api/cockpit-page')).json()) as { cockpit: { period: string; trend: { month: number; reporters: number }[]; topContributors: { key: string }[]; topDecliners: { key: string }[] } }).cockpit;
    expect(shown.trend.find((t) => t.month === Number(shown.period.slice(5, 7)))!.reporters).toBeGreaterThan(0);
    for (const [testId, rows, empty] of [['top-contributors', shown.topContributors, '本期没有同口径累计增长的企业'], ['top-decliners', shown.topDecliners, '本期没有同口径累计下降的企业']] as const) {
      const card = commission.getByTestId(testId);
      if (rows.length === 0) await card.getByText(empty).waitFor();
      else await card.getByText(rows[0]!.key).first().waitFor();
      expect(await card.textContent()).not.toContain('暂无已审定数据');
    }
    await screenshot(commission, 'statistics-cockpit-zh');
    const english = await pageAs('demo_leader', 'en-US');
    await english.goto('/cockpit');
    await english.getByText('Domain × zone').first().waitFor();
    await screenshot(english, 'statistics-cockpit-en');
    await english.goto('/monitoring');
    await english.getByText('Comparable YoY').first().waitFor();
    await screenshot(english, 'statistics-monitoring-en');
    const enterpriseEn = await pageAs('demo_enterprise', 'en-US');
    await enterpriseEn.goto('/reports');
    await reportRow(enterpriseEn, period, firm).click();
    await enterpriseEn.locator('.ant-drawer-content').getByText('Approved').first().waitFor();
    await screenshot(enterpriseEn, 'statistics-report-en');
  });
});

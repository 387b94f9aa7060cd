import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/screens.ts';
import { demoJourney } from '../support/journey.ts';

/** The demo expert account acts for the first expert of the pool (ZJ-0001). */
const DEMO_EXPERT_CODE = 'ZJ-0001';

interface Candidates {
  offered: { id: string; code: string; name: string }[];
  excluded: { id: string; code: string; name: string; reasons: { kind: string; relation?: string }[] }[];
}

/**
 * Journey (issue 14 Done-when, technology transfer): the commission assigns experts to a listing — an expert who
 * declared a conflict with an enterprise that asked for an introduction is not offered, and the page says why;
 * the demo expert scores the listing on the rubric; the commission sees the result. zh-CN and en-US screenshots.
 */
describe('technology transfer: conflicted expert not offered, expert scores, commission sees the result', () => {
  let listingId = '';

  const pageAs = demoJourney({ demoEnterprises: 12 });

  it('the commission assigns experts; the conflicted expert is not offered and the reason is shown', async () => {
    const page = await pageAs('demo_commission');
    await page.goto('/tech-transfer');
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'tech-transfer-listings-zh-CN');
    const listings = (await (await page.request.get('/api/tech-transfer/listings?q=' + encodeURIComponent('蛋白A'))).json()) as { items: { id: string; title: string }[] };
    listingId = listings.items[0]!.id;
    const candidates = (await (await page.request.get(`/api/tech-transfer/evaluations/candidates?listingId=${listingId}`)).json()) as Candidates;
    const conflicted = candidates.excluded.find((x) => x.reasons.some((r) => r.kind === 'declared-conflict'))!;
    expect(conflicted).toBeDefined();
    expect(candidates.offered.some((o) => o.code === DEMO_EXPERT_CODE)).toBe(true);

    await page.goto(`/tech-transfer/listings/${listingId}`);
    await page.getByRole('button', { name: '指派评价专家' }).click();
    const modal = page.locator('.ant-modal-content');
    await modal.locator('.tt-offered .ant-list-item').first().waitFor();
    // the conflicted expert is listed apart with the declared relation, never among those offered
    await expect.poll(() => modal.locator(`.tt-excluded li[data-expert="${conflicted.code}"]`).textContent()).toContain(conflicted.reasons[0]!.relation!);
    expect(await modal.locator(`.tt-offered [data-expert="${conflicted.code}"]`).count()).toBe(0);
    await modal.locator(`.tt-offered [data-expert="${DEMO_EXPERT_CODE}"] .ant-checkbox-input`).check();
    await screenshot(page, 'tech-transfer-assign-zh-CN');
    await modal.getByRole('button', { name: /OK|确/ }).click();
    await page.locator('.ant-modal-content').waitFor({ state: 'detached' });
    await expect.poll(async () => page.locator('.ant-card').filter({ hasText: '专家评价结果' }).locator('.ant-table-row').count()).toBe(1);
  });

  it('the demo expert sees only its assignments and scores the listing on the rubric', async () => {
    const page = await pageAs('demo_expert', 'en-US');
    await page.goto('/tech-transfer');
    const row = page.locator('.ant-table-row').filter({ hasText: '蛋白A' });
    await row.waitFor();
    const mine = (await (await page.request.get('/api/tech-transfer/evaluations')).json()) as { items: { expert: { name: string } }[] };
    expect(new Set(mine.items.map((e) => e.expert.name)).size).toBe(1);
    expect((await page.request.get(`/api/tech-transfer/listings/${listingId}`)).status()).toBe(403);
    await row.getByRole('button', { name: 'Score' }).click();
    const modal = page.locator('.ant-modal-content');
    const scores: Record<string, string> = { novelty: '8', maturity: '6', ip: '10', market: '4', fit: '7' };
    for (const [criterion, value] of Object.entries(scores)) await modal.locator(`input[aria-label="${criterion}"]`).fill(value);
    // (25·8 + 20·6 + 20·10 + 20·4 + 15·7) / 100 × 10
    await expect.poll(() => modal.textContent()).toContain('Weighted total: 70.50');
    await screenshot(page, 'tech-transfer-score-en-US');
    await modal.getByRole('button', { name: 'Submit evaluation' }).click();
    await expect.poll(() => row.textContent()).toContain('70.50');
    await screenshot(page, 'tech-transfer-my-evaluations-en-US');
  });

  it('the commission sees the result on the listing page, in both languages', async () => {
    for (const language of ['zh-CN', 'en-US'] as const) {
      const page = await pageAs('demo_commission', language);
      await page.goto(`/tech-transfer/listings/${listingId}`);
      const card = page.locator('.ant-card').filter({ hasText: language === 'zh-CN' ? '专家评价结果' : 'Expert evaluation results' });
      await expect.poll(() => card.textContent()).toContain('70.5');
      await screenshot(page, `tech-transfer-listing-${language}`);
    }
    const detail = (await (await (await pageAs('demo_commission')).request.get(`/api/tech-transfer/listings/${listingId}`)).json()) as { evaluation: { summary: { submitted: number; mean: number } } };
    expect(detail.evaluation.summary).toMatchObject({ submitted: 1, mean: 70.5 });
  });

  it('the owner platform edits its listing and records a deal; the commission edits the deal in English (validation in both languages)', async () => {
    const page = await pageAs('demo_platform');
    const own = (await (await page.request.get('/api/tech-transfer/listings?mine=true&status=active')).json()) as { items: { id: string; title: string; version: number }[] };
    const listing = own.items.find((l) => l.id !== listingId)!;
    expect(listing).toBeDefined();
    await page.goto(`/tech-transfer/listings/${listing.id}`);
    await page.getByTestId('edit-listing').click();
    const form = page.getByTestId('listing-form');
    await form.locator('#title').fill('');
    await form.locator('#summary').fill('太短');
    await page.locator('.ant-modal-content').getByRole('button', { name: /OK|确\s*定/ }).click();
    await form.getByText('请填写成果名称（至少 2 个字）').waitFor();
    await form.getByText('请填写非保密摘要（至少 10 个字）').waitFor();
    await screenshot(page, 'tech-transfer-edit-listing-invalid-zh-CN');
    const title = `${listing.title}（修订）`;
    await form.locator('#title').fill(title);
    await form.locator('#summary').fill('高载量蛋白A亲和层析介质，动态载量 ≥ 60 g/L，已完成中试放大验证。');
    await form.locator('#trl').fill('7');
    await page.locator('.ant-modal-content').getByRole('button', { name: /OK|确\s*定/ }).click();
    await page.locator('.ant-modal-content').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.page-header__title').first().textContent()).toBe(title);
    await expect.poll(() => page.locator('.ant-descriptions').textContent()).toContain('TRL 7');

    // a deal: a wrong credit code and a signed deal without its date are refused under the fields
    const enterprise = (await (await (await pageAs('demo_commission')).request.get('/api/enterprises?pageSize=1')).json()) as { items: { uscc: string; name: string }[] };
    await page.getByTestId('record-deal').click();
    const deal = page.getByTestId('deal-form');
    await deal.locator('#enterpriseUscc').fill('123');
    await deal.locator('.ant-select').filter({ has: page.locator('#status') }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '已签约' }).click();
    await deal.locator('#amount').fill('12.345');
    await page.locator('.ant-modal-content').getByRole('button', { name: /OK|确\s*定/ }).click();
    await deal.getByText('请填写 18 位统一社会信用代码').waitFor();
    await deal.getByText('已签约的交易请填写签约日期').waitFor();
    await deal.getByText('金额（万元）为数字，最多两位小数').waitFor();
    // the date field is antd's, with a Chinese placeholder (not the browser's mm/dd/yyyy)
    expect(await deal.locator('#signedOn').getAttribute('placeholder')).toBe('请选择日期');
    await screenshot(page, 'tech-transfer-deal-invalid-zh-CN');
    await deal.locator('#enterpriseUscc').fill(enterprise.items[0]!.uscc);
    await deal.locator('#amount').fill('120.50');
    await deal.locator('#signedOn').click();
    await deal.locator('#signedOn').fill('2026-03-01');
    await deal.locator('#signedOn').press('Enter');
    await page.locator('.ant-modal-content').getByRole('button', { name: /OK|确\s*定/ }).click();
    await page.locator('.ant-modal-content').waitFor({ state: 'detached' });
    const dealRow = page.locator('.ant-table-row').filter({ hasText: enterprise.items[0]!.name });
    await expect.poll(() => dealRow.textContent()).toContain('120.50');

    const commission = await pageAs('demo_commission', 'en-US');
    await commission.goto('/tech-transfer?tab=deals');
    const row = commission.locator('.ant-table-row').filter({ hasText: title });
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = commission.getByTestId('deal-form');
    expect(await edit.locator('#signedOn').inputValue()).toBe('2026-03-01');
    await edit.locator('#financingAmount').fill('abc');
    await commission.locator('.ant-modal-content').getByRole('button', { name: 'OK' }).click();
    await edit.getByText('Amounts are in 10k CNY with at most two decimals').waitFor();
    await screenshot(commission, 'tech-transfer-deal-edit-invalid-en-US');
    await edit.locator('#financingAmount').fill('500');
    await edit.locator('#financingSource').fill('District guidance fund');
    await commission.locator('.ant-modal-content').getByRole('button', { name: 'OK' }).click();
    await commission.locator('.ant-modal-content').waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent()).toContain('District guidance fund');
    await screenshot(commission, 'tech-transfer-deals-en-US');
  });
});

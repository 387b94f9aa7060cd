import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageWatch, demoPage, launchBrowser } from '../support/browser.ts';
import { screenshot } from '../support/screens.ts';
import { startServer, type RunningServer } from '../support/server.ts';

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
  let server: RunningServer;
  let browser: Browser;
  let listingId = '';
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    server = await startServer([], { demoEnterprises: 12 });
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

  const pageAs = (username: string, language: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<Page> =>
    demoPage(browser, server.baseUrl, watches, username, { language });

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
});

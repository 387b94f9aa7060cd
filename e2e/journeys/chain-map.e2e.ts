import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageWatch, demoPage, launchBrowser } from '../support/browser.ts';
import { screenshot } from '../support/screens.ts';
import { startServer, type RunningServer } from '../support/server.ts';


/**
 * Journey: the commission opens the biomedicine chain, opens the node with the largest gap, reads its formula
 * and raises its importance weight — the gap on the page follows; the park of 生物医药港 sees its zone's part
 * of the chain only. Screenshots in zh-CN and en-US.
 */
describe('chain map: commission weighs a gap, park sees its zone', () => {
  let server: RunningServer;
  let browser: Browser;
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

  it('the commission raises the weight of the top gap and the page shows the new gap', async () => {
    const page = await pageAs('demo_commission');
    await page.goto('/chain-map?domain=biomedicine');
    const firstRow = page.locator('.ant-table-row').first();
    await firstRow.waitFor();
    await screenshot(page, 'chain-map-biomedicine-zh-CN');
    const api = (await (await page.request.get('/api/chain-map?domain=biomedicine')).json()) as { gaps: { id: string; nameZh: string; strength: number; gap: number }[] };
    const top = api.gaps[0]!;
    await firstRow.locator('a').first().click();
    const drawer = page.locator('.ant-drawer-content');
    await expect.poll(() => drawer.locator('.ant-drawer-title').textContent()).toBe(top.nameZh);
    await drawer.getByRole('spinbutton').fill('1');
    await drawer.getByRole('button', { name: '设定权重' }).click();
    const expected = (1 * (1 - top.strength)).toFixed(3);
    await expect.poll(() => drawer.locator('.ant-tag').first().textContent()).toContain(`= ${expected}`);
    await screenshot(page, 'chain-map-node-zh-CN');
    const after = (await (await page.request.get('/api/chain-map?domain=biomedicine')).json()) as { gaps: { id: string; importance: number }[] };
    expect(after.gaps.find((n) => n.id === top.id)!.importance).toBe(1);
  });

  it('the park sees its zone’s chain only, in English too', async () => {
    const page = await pageAs('demo_park', 'en-US');
    await page.goto('/chain-map');
    await page.locator('.ant-table-row').first().waitFor();
    const view = (await (await page.request.get('/api/chain-map')).json()) as { zone: string; domains: { code: string }[] };
    expect(view.zone).toBe('medicine-port');
    expect(view.domains.map((d) => d.code)).toEqual(['biomedicine']);
    expect((await page.request.get('/api/chain-map?zone=innovation-city')).status()).toBe(403);
    await screenshot(page, 'chain-map-park-en-US');
  });
});

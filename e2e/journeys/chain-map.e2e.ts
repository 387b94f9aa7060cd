import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/screens.ts';
import { demoJourney } from '../support/journey.ts';

/**
 * Journey: the commission opens the biomedicine chain, opens the node with the largest gap, reads its formula
 * and raises its importance weight — the gap on the page follows; the park of 生物医药港 sees its zone's part
 * of the chain only. Screenshots in zh-CN and en-US.
 */
describe('chain map: commission weighs a gap, park sees its zone', () => {
  const pageAs = demoJourney({ demoEnterprises: 12 }, { width: 1440, height: 900 });

  it('the commission raises the weight of the top gap and the page shows the new gap', async () => {
    const page = await pageAs('demo_commission');
    // A slow first answer: the page shows its loading state until the map arrives, not a blank page.
    await page.route('**/api/chain-map?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto('/chain-map?domain=biomedicine');
    await page.getByTestId('chain-map-loading').waitFor();
    const firstRow = page.locator('.ant-table-row').first();
    await firstRow.waitFor();
    expect(await page.getByTestId('chain-map-loading').count()).toBe(0);
    await page.unrouteAll();
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
    // The node page lists its platforms, open warnings and platform gaps, as many as the map counts for the hover.
    const node = ((await (await page.request.get('/api/chain-map?domain=biomedicine')).json()) as { gaps: { id: string; platforms: number; experts: number; openWarnings: number; platformGaps: number }[] }).gaps.find((n) => n.id === top.id)!;
    for (const [label, count] of [['平台', node.platforms], ['专家', node.experts], ['预警', node.openWarnings], ['平台缺口', node.platformGaps]] as const) {
      await expect.poll(() => drawer.getByRole('tab', { name: `${label} (${count})`, exact: true }).count()).toBe(1);
    }
    const after = (await (await page.request.get('/api/chain-map?domain=biomedicine')).json()) as { gaps: { id: string; importance: number }[] };
    expect(after.gaps.find((n) => n.id === top.id)!.importance).toBe(1);
  });

  it('lists the platform gaps (refused or wait-listed bookings, missing instruments) on their chain nodes', async () => {
    const page = await pageAs('demo_commission');
    await page.goto('/chain-map');
    const view = (await (await page.request.get('/api/chain-map')).json()) as { platformGaps: { label: string; demand: number; nodes: { nameZh: string }[] }[]; gaps: { platformGaps: number }[] };
    expect(view.platformGaps.length).toBeGreaterThan(0);
    // Each item sits on the nodes of the enterprises behind it; the nodes' counts add up to the items' node links.
    expect(view.gaps.reduce((s, n) => s + n.platformGaps, 0)).toBe(view.platformGaps.reduce((s, g) => s + g.nodes.length, 0));
    const table = page.getByTestId('platform-gaps');
    await table.locator('.ant-table-row').first().waitFor();
    expect(await table.locator('.ant-table-row').count()).toBe(Math.min(10, view.platformGaps.length));
    const first = view.platformGaps[0]!;
    const row = table.locator('.ant-table-row').first();
    expect(await row.textContent()).toContain(first.label);
    expect(await row.textContent()).toContain(first.nodes[0]!.nameZh);
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'chain-map-platform-gaps-zh-CN');
  });

  it('shows the carrier ladder; a graduation recorded from an incubator shows in its graduation rate, in both languages', async () => {
    interface Figures { id: string; name: string; graduationRate: number | null; exits: number }
    const page = await pageAs('demo_commission');
    const ladderOf = async () => ((await (await page.request.get('/api/carrier-ladder')).json()) as { carriers: Figures[] }).carriers;
    // The move event: a firm in an incubator moves up to an accelerator today (the commission records it).
    const moves = ((await (await page.request.get('/api/carrier-ladder/moves')).json()) as { items: { isCurrent: boolean; enterprise: { uscc: string }; to: { id: string | null; type: string } | null }[] }).items;
    const tenant = moves.find((m) => m.isCurrent && m.to?.type === 'incubator' && m.to.id)!;
    expect(tenant).toBeDefined();
    const accelerator = ((await (await page.request.get('/api/carriers?type=accelerator')).json()) as { items: { id: string }[] }).items[0]!;
    const before = (await ladderOf()).find((c) => c.id === tenant.to!.id)!;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const recorded = await page.request.post('/api/carrier-ladder/moves', {
      data: { kind: 'transfer', enterpriseUscc: tenant.enterprise.uscc, fromCarrierId: tenant.to!.id, toCarrierId: accelerator.id, movedOn: today, leasedArea: 320 },
      headers: { 'x-csrf-token': ((await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string }).csrfToken },
    });
    expect(recorded.status(), await recorded.text()).toBe(200);
    const after = (await ladderOf()).find((c) => c.id === tenant.to!.id)!;
    expect(after.exits).toBe(before.exits + 1);
    // One more exit, and it is a graduation: (graduations + 1) / (exits + 1), from the figures before.
    expect(after.graduationRate).not.toBeNull();
    expect(after.graduationRate!).toBeCloseTo(((before.graduationRate ?? 0) * before.exits + 1) / (before.exits + 1), 6);
    for (const [language, tab, header] of [['zh-CN', '孵化梯度', '毕业率'], ['en-US', 'Ladder', 'Graduation rate']] as const) {
      const p = language === 'zh-CN' ? page : await pageAs('demo_commission', language);
      await p.goto('/carriers');
      await p.getByRole('tab', { name: tab }).click();
      await p.locator('[data-testid="ladder-sankey"] canvas, [data-testid="ladder-sankey"] svg').first().waitFor();
      await p.getByRole('columnheader', { name: header }).first().waitFor();
      const row = p.locator('.ant-table-row').filter({ hasText: after.name }).first();
      await expect.poll(() => row.textContent()).toContain(`${Math.round(after.graduationRate! * 100)}`);
      await screenshot(p, `carrier-ladder-${language}`);
    }
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

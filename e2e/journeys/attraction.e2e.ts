import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RED_GAP } from '../../contracts/chain-map.ts';
import { screenshot } from '../support/screens.ts';
import { demoJourney } from '../support/journey.ts';

const NODE = 'bm-media';

interface Gap { id: string; code: string; nameZh: string; gap: number; red: boolean; signedProjects: number; enterprises: number; committed: { enterprises: number; aboveScale: number; outputYtd: number | null } }
const gapsOf = async (page: Page) => ((await (await page.request.get('/api/chain-map?domain=biomedicine')).json()) as { gaps: Gap[] }).gaps;

/**
 * Done-when journey of issue 13 §3: the commission opens the biomedicine chain, the red gap node 培养基, its
 * target list, and assigns a candidate to the park of 生物医药港; the park logs a visit on the 招商目标 page and
 * converts the target into a 线索 project (a new culture-media plant, 达产产值 12 亿元); the commission signs it
 * (线索 → 在谈 → 签约); the node's gap falls below the red band (RED_GAP, "top gaps": red border on the map, red
 * gap in the ranking) because the plant is now a committed local enterprise on the node with its planned output
 * (docs/decisions/0035-signed-projects-committed-capacity.md). Screenshots in zh-CN and en-US at 1440×900.
 */
describe('attraction: a candidate assigned on the chain map closes its node’s gap once signed', () => {
  let candidate = '';
  let projectId = '';
  let before: Gap;
  let rankBefore = -1;
  let redBefore = 0;

  const pageAs = demoJourney({ demoEnterprises: 12 }, { width: 1440, height: 900 });

  it('the commission opens the red gap node 培养基 and assigns its best candidate to the park', async () => {
    const page = await pageAs('demo_commission');
    await page.goto('/chain-map?domain=biomedicine');
    await page.locator('.ant-table-row').first().waitFor();
    const gaps = await gapsOf(page);
    before = gaps.find((g) => g.code === NODE)!;
    expect(before.gap).toBeGreaterThanOrEqual(RED_GAP);
    expect(before.red).toBe(true);
    expect(before.enterprises).toBe(0);
    // The largest gap of the chain: the first row of the page's ranking.
    rankBefore = gaps.findIndex((g) => g.code === NODE);
    redBefore = gaps.filter((g) => g.red).length;
    expect(rankBefore).toBe(0);
    expect(await page.locator('.ant-table-row').first().textContent()).toContain(before.nameZh);
    await page.locator('.ant-table-row').filter({ hasText: before.nameZh }).first().locator('a').first().click();
    const drawer = page.locator('.ant-drawer-content');
    await expect.poll(() => drawer.locator('.ant-drawer-title').textContent()).toBe(before.nameZh);
    await drawer.getByRole('tab', { name: /招商目标/ }).click();
    const targets = drawer.locator('[data-testid="node-targets"]');
    const row = targets.locator('.ant-table-row').filter({ has: page.locator('[data-testid="assign-to-park"]') }).first();
    candidate = (await row.locator('td').first().textContent())!.trim();
    expect(candidate.length).toBeGreaterThan(1);
    await row.locator('[data-testid="assign-to-park"]').click();
    await expect.poll(() => targets.locator('.ant-table-row').filter({ hasText: candidate }).first().textContent()).toContain('跟进中');
  });

  it('the park logs a visit on the 招商目标 page and converts the target into a 线索 project', async () => {
    const page = await pageAs('demo_park');
    await page.goto('/attraction');
    const table = page.locator('[data-testid="attraction-targets"]');
    await table.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'attraction-targets-park-zh-CN');
    const search = page.getByPlaceholder('搜索候选企业');
    await search.fill(candidate);
    await search.press('Enter');
    const row = table.locator('.ant-table-row').filter({ hasText: candidate }).first();
    await expect.poll(() => table.locator('.ant-table-row').count()).toBe(1);
    await row.locator('a').first().click();
    const drawer = page.locator('.ant-drawer-content');
    await expect.poll(() => drawer.locator('[data-testid="target-status"]').textContent()).toBe('跟进中');
    const form = drawer.locator('[data-testid="activity-form"]');
    await form.locator('#note').fill('走访企业总部，对方有意在金山设立培养基生产基地');
    await form.locator('#nextStep').fill('邀请来金山考察');
    await form.locator('#nextOn').fill('2030-01-15');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => drawer.locator('[data-testid="target-history"]').textContent()).toContain('对方有意在金山设立培养基生产基地');
    await screenshot(page, 'attraction-target-drawer-zh-CN');
    await drawer.locator('[data-testid="convert-target"]').click();
    const modal = page.locator('.ant-modal-content');
    await modal.locator('#totalInvestment').fill('80000');
    await modal.locator('#expectedAnnualOutput').fill('120000');
    await modal.getByRole('button', { name: /OK|确\s*定/ }).click();
    await expect.poll(() => drawer.locator('[data-testid="target-status"]').textContent()).toBe('已转化为项目');
    const href = await drawer.locator('[data-testid="target-project"]').getAttribute('href');
    projectId = href!.split('/').pop()!;
    const project = (await (await page.request.get(`/api/projects/${projectId}`)).json()) as { stage: string };
    expect(project.stage).toBe('lead');
  });

  it('the commission signs the project; the node’s gap falls and it leaves the red band', async () => {
    const page = await pageAs('demo_commission');
    await page.goto(`/projects/${projectId}`);
    // 线索 → 在谈 → 签约, each the stage dialog's default next stage.
    for (const [from, to] of [['线索', '在谈'], ['在谈', '签约']] as const) {
      await page.getByTestId('project-stage').filter({ hasText: from }).waitFor();
      await page.getByTestId('change-stage').click();
      if (to === '签约') {
        // Zone fit and carrier capacity are shown in the signing dialog before signing (space needs not yet stated).
        await expect.poll(() => page.getByRole('dialog').getByTestId('zone-fit').textContent()).toContain('尚未填写空间需求');
        await screenshot(page, 'attraction-signing-zone-fit-zh-CN');
      }
      await page.getByTestId('stage-form').locator('#note').fill(to === '签约' ? '双方签署投资协议' : '对方确认选址意向');
      await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
      await page.getByTestId('project-stage').filter({ hasText: to }).waitFor();
    }
    const after = await gapsOf(page);
    const node = after.find((g) => g.code === NODE)!;
    expect(node.signedProjects).toBe(before.signedProjects + 1);
    expect(node.gap).toBeLessThan(before.gap);
    // The plant is a committed new local enterprise, 规上 by its planned output: the node leaves the red band.
    expect(node.committed).toEqual({ enterprises: 1, aboveScale: 1, outputYtd: expect.any(Number) });
    expect(node.red).toBe(false);
    expect(node.gap).toBeLessThan(RED_GAP);
    expect(after.filter((g) => g.red).length).toBe(redBefore - 1);
    expect(after.findIndex((g) => g.code === NODE)).toBeGreaterThan(rankBefore);
    expect(after[0]!.code).not.toBe(NODE);
    await page.goto('/chain-map?domain=biomedicine');
    const firstRow = page.locator('.ant-table-row').first();
    await firstRow.waitFor();
    expect(await firstRow.textContent()).not.toContain(before.nameZh);
    const nodeRow = page.locator('.ant-table-row').filter({ hasText: before.nameZh }).first();
    expect(await nodeRow.textContent()).toContain(node.gap.toFixed(2));
    expect(await nodeRow.locator('[data-red]').count()).toBe(0);
    await nodeRow.locator('a').first().click();
    const drawer = page.locator('.ant-drawer-content');
    await expect.poll(() => drawer.locator('[data-testid="node-committed"]').textContent()).toContain('新增企业 1 家');
    await screenshot(page, 'chain-node-after-signing-zh-CN');
  });

  it('shows the 招商目标 page in English', async () => {
    const page = await pageAs('demo_commission', 'en-US');
    await page.goto('/attraction');
    await page.locator('[data-testid="attraction-targets"] .ant-table-row').first().waitFor();
    expect(await page.locator('h1, .page-header').first().textContent()).toContain('Attraction targets');
    const zh = /[\u4e00-\u9fff]/;
    const firstRow = page.locator('[data-testid="attraction-targets"] .ant-table-row').first();
    // The zone column (third) in English from the reference data, and the fit score column filled.
    await firstRow.waitFor();
    const zones = async () => (await page.locator('[data-testid="attraction-targets"] .ant-table-row').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent ?? ''))) as string[];
    await expect.poll(async () => (await zones()).some((z) => zh.test(z))).toBe(false);
    expect((await zones()).some((z) => z !== '—')).toBe(true);
    expect(await page.locator('[data-testid="attraction-targets"] [data-testid="target-fit"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'attraction-targets-en-US');
    await page.locator('[data-testid="attraction-targets"] .ant-table-row').first().locator('a').first().click();
    const drawer = page.locator('.ant-drawer-content');
    await expect.poll(() => drawer.locator('[data-testid="target-status"]').textContent()).toMatch(/In progress|Converted|Dropped/);
    await screenshot(page, 'attraction-target-drawer-en-US');
  });
});

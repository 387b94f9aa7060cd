import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, watchPage, type PageWatch } from '../support/browser.ts';
import { screenshot, switchLanguage } from '../support/screens.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const DEMO_PASSWORD = 'Jinshan#2023';
const POLICY_FILE = fileURLToPath(new URL('../../server/src/seed/policy/jinshan-biomanufacturing-2023.txt', import.meta.url));

async function signIn(page: Page, username: string): Promise<void> {
  const login = await page.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  if (!login.ok()) throw new Error(`login ${username} failed: ${login.status()} ${await login.text()}`);
}

/**
 * Journey: the commission imports a policy file, reviews it beside its source (clicking a task highlights its
 * clause), corrects a goal value, saves a new version and compares it with the active one. Then the plan pages
 * in both languages, and a department's view with its own tasks first.
 */
describe('plan: import → review → save → compare', () => {
  let server: RunningServer;
  let browser: Browser;
  const watches: PageWatch[] = [];
  let lastPage: Page | undefined;

  beforeAll(async () => {
    server = await startServer([], { demoEnterprises: 8 });
    browser = await launchBrowser();
  });

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      if (lastPage) await screenshot(lastPage, `failure-plan-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      console.error(`${task.name} failed; server output (end):\n${server.output().slice(-4000)}`);
    });
  });

  afterAll(async () => {
    for (const watch of watches) {
      expect(watch.foreignRequests).toEqual([]);
      expect(watch.cspViolations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
    await browser?.close();
    await server?.stop();
  });

  it('imports the policy file, highlights a task’s clause, saves an edited goal and shows the change', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    lastPage = page;
    watches.push(watchPage(page, server.baseUrl));
    await signIn(page, 'demo_commission');

    await page.goto('/plan/import');
    await page.getByText('点击或拖入 .txt / .docx 文件').waitFor();
    await page.locator('input[type="file"]').setInputFiles(POLICY_FILE);

    // Review: the source on the left, the structure on the right.
    const source = page.getByTestId('plan-source');
    await source.waitFor({ timeout: 60_000 });
    await page.getByTestId('review-task-2').waitFor();

    // Clicking the third task highlights its clause in the source, scrolled into the pane's view.
    const task = page.getByTestId('review-task-2');
    const title = await task.locator('input').first().inputValue();
    expect(title).toContain('聚焦载体建设');
    await task.locator('.ant-card-head').click();
    const mark = page.getByTestId('source-highlight');
    await mark.waitFor();
    await expect(mark.innerText()).resolves.toContain(title);
    await expect(mark.innerText()).resolves.toContain('(责任单位:区经委、区科委、区投资促进办)');
    // The pane scrolls smoothly, for as long as a busy machine takes: poll until the mark is in view.
    const markInPane = async () => {
      const [markBox, paneBox] = [await mark.boundingBox(), await source.boundingBox()];
      return Boolean(markBox && paneBox && markBox.y >= paneBox.y - 1 && markBox.y < paneBox.y + paneBox.height);
    };
    await expect.poll(markInPane, { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'plan-import-review.zh-CN');

    // Correct the first goal (2025 产业规模) from 500 to 550 and save as a new version.
    const firstGoalMetric = page.getByTestId('review-goal-metric-0');
    await expect(firstGoalMetric.inputValue()).resolves.toBe('产业规模');
    const value = page.locator('[data-testid="review-goal-value-0"]');
    const valueInput = (await value.evaluate((el) => el.tagName)) === 'INPUT' ? value : value.locator('input');
    await valueInput.fill('550');
    await valueInput.press('Tab');
    await page.getByTestId('review-goal-0').click();
    // The mark moves from the task's clause to the goal's: poll rather than read what is highlighted at the click.
    await expect.poll(() => mark.innerText()).toContain('500');
    await page.getByTestId('import-save').click();
    await page.getByText('已保存为版本 2(草稿)').waitFor();
    await screenshot(page, 'plan-import-saved.zh-CN');

    // Compare with the active version (1): the goal value changed, and nothing else.
    await page.getByTestId('import-compare').click();
    const compare = page.getByTestId('compare-view');
    await compare.waitFor();
    await expect(compare.innerText()).resolves.toContain('版本 1 → 版本 2:共 1 处变化');
    const change = page.getByTestId('diff-goal-2025-产业规模');
    await expect(change.innerText()).resolves.toMatch(/目标值.*500.*→.*550/s);
    await screenshot(page, 'plan-compare.zh-CN');

    // The versions tab lists the draft; activating it makes it the plan shown to everyone.
    await page.goto('/plan?tab=versions');
    await page.getByTestId('activate-2').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('.ant-tag', { hasText: '版本 2 · 生效' }).waitFor();
    await screenshot(page, 'plan-versions.zh-CN');
    await context.close();
  });

  it('shows the plan pages in zh-CN and en-US, the zones on the district map', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    lastPage = page;
    watches.push(watchPage(page, server.baseUrl));
    await signIn(page, 'demo_leader');
    await page.goto('/plan');
    await page.getByText('产业规模').first().waitFor();
    await expect(page.locator('.ant-table').innerText()).resolves.toContain('550 亿元');
    await screenshot(page, 'plan-goals.zh-CN');
    await page.getByRole('tab', { name: /产业布局/ }).click();
    await page.getByTestId('zones-map').locator('canvas').waitFor({ timeout: 60_000 });
    await screenshot(page, 'plan-zones.zh-CN');
    await page.getByRole('tab', { name: /主要任务/ }).click();
    await page.getByTestId('task-task-01').waitFor();
    await screenshot(page, 'plan-tasks.zh-CN');

    await switchLanguage(page, 'en-US');
    await page.getByRole('tab', { name: /Layout/ }).click();
    await page.getByTestId('zones-map').locator('canvas').waitFor();
    await screenshot(page, 'plan-zones.en-US');
    await page.getByRole('tab', { name: /Goals/ }).click();
    await expect(page.locator('.ant-table').innerText()).resolves.toContain('Operating revenue');
    await screenshot(page, 'plan-goals.en-US');
    await switchLanguage(page, 'zh-CN');
    await context.close();
  });

  it('shows a department the tasks it leads first, marked', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    lastPage = page;
    watches.push(watchPage(page, server.baseUrl));
    await signIn(page, 'demo_department');
    await page.goto('/plan?tab=tasks');
    const first = page.locator('.plan-task').first();
    await first.waitFor();
    await expect(first.innerText()).resolves.toMatch(/本单位牵头|本单位配合/);
    await screenshot(page, 'plan-tasks-department.zh-CN');
    await context.close();
  });
});

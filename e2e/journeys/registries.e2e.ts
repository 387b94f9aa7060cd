import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../server/src/domain/uscc/uscc.ts';
import { launchBrowser, newContext, watchPage, type PageWatch } from '../support/browser.ts';
import { screenshot, switchLanguage } from '../support/screens.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const DEMO_PASSWORD = 'Jinshan#2023';

async function signIn(page: Page, username: string): Promise<void> {
  const login = await page.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
}

async function workbookOf(download: Download): Promise<ExcelJS.Workbook> {
  const path = await download.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await fs.readFile(path!)) as never);
  return workbook;
}

/**
 * Imports one enterprise whose name is near a registered one's: it is imported, and the folded warning table
 * names the registered enterprise and its credit code (a warning, not an error).
 */
async function importNearDuplicate(page: Page, dir: string, name: string, uscc: string, similar: readonly { name: string; uscc: string }[], shot: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('企业名录').addRows([['统一社会信用代码', '企业名称'], [uscc, name]]);
  const file = `${dir}/${uscc}.xlsx`;
  await book.xlsx.writeFile(file);
  await page.goto('/enterprises');
  await waitIdle(page);
  await page.getByTestId('import-enterprises').click();
  await page.locator('.ant-modal input[type=file]').setInputFiles(file);
  await page.getByTestId('import-start').click();
  const warnings = page.getByTestId('import-warnings');
  await warnings.waitFor();
  await expect(page.getByTestId('import-result').locator('.ant-alert-success').count()).resolves.toBe(1);
  await warnings.locator('.ant-collapse-header').click();
  // The folded panel renders its table when first opened: wait for its row before reading it.
  const firstWarning = warnings.locator('.ant-table-tbody tr').first();
  await firstWarning.waitFor();
  const cells = await firstWarning.locator('td').allInnerTexts();
  expect(cells.slice(0, 2)).toEqual(['2', name]);
  expect(similar.map((r) => [r.name, r.uscc])).toContainEqual(cells.slice(2));
  await screenshot(page, shot);
  await page.getByRole('dialog').getByRole('button', { name: /继\s*续|Continue/ }).click();
}

const waitIdle = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-table-placeholder .ant-spin'), null, { timeout: 60_000 });

/**
 * Journey: the commission registers an enterprise (a wrong check character is named first), imports projects
 * from a workbook with errors, downloads the marked workbook, fixes it and imports it again, moves a project
 * to the next stage, and exports the list — in Chinese, with screenshots in both languages.
 */
describe('registries: enterprise, project import with errors, stage change, export', () => {
  let server: RunningServer;
  let browser: Browser;
  let watch: PageWatch;

  beforeAll(async () => {
    server = await startServer([], { demoEnterprises: 12 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs end to end', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    watch = watchPage(page, server.baseUrl);
    await signIn(page, 'demo_commission');

    // 1. Register an enterprise; the form names the expected check character of a mistyped code.
    await page.goto('/enterprises');
    await waitIdle(page);
    await screenshot(page, 'registries-enterprises.zh-CN');
    await page.getByTestId('create-enterprise').click();
    const form = page.getByTestId('enterprise-form');
    const uscc = buildUscc('91', '310116', 'MAE2E0001');
    const wrong = uscc.slice(0, 17) + (uscc[17] === '1' ? '2' : '1');
    await form.locator('#uscc').fill(wrong);
    await form.locator('#name').fill('旅程测试生物科技有限公司');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`第18位应为“${uscc[17]}”`).waitFor();
    await form.locator('#uscc').fill(uscc);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/enterprises\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '旅程测试生物科技有限公司' }).waitFor();
    await screenshot(page, 'registries-enterprise-profile.zh-CN');
    const registered = [{ name: '旅程测试生物科技有限公司', uscc }];
    const nearName = '旅程测试生物科技（上海）有限公司';
    const nearUscc = buildUscc('91', '310116', 'MAE2E0002');
    await importNearDuplicate(page, server.dataDir, nearName, nearUscc, registered, 'registries-import-warnings.zh-CN');

    // 2. Import projects from a workbook with two bad rows.
    const source = new ExcelJS.Workbook();
    const sheet = source.addWorksheet('项目库');
    sheet.addRow(['项目编号', '项目名称', '投资方', '所在功能区', '责任单位', '当前阶段', '在谈计划日期', '总投资（万元）']);
    sheet.addRow(['E2E-1', '旅程导入甲项目', '旅程投资甲公司', '生物医药港', '区投资促进办', '线索', '2027-03-01', 12000]);
    sheet.addRow(['E2E-2', '旅程导入乙项目', '', '生物医药港', '区投资促进办', '线索', null, 8000]);
    sheet.addRow(['E2E-3', '旅程导入丙项目', '旅程投资丙公司', '生物医药港', '区投资促进办', '线索', '2027-02-30', '五千']);
    const sourceFile = `${server.dataDir}/旅程项目.xlsx`;
    await source.xlsx.writeFile(sourceFile);

    await page.goto('/projects');
    await waitIdle(page);
    await page.getByTestId('import-projects').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(sourceFile);
    await page.getByTestId('import-start').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    await expect(result.innerText()).resolves.toContain('新增 1 条');
    const rejectedRows = await result.locator('.ant-table-tbody tr td:first-child').allInnerTexts();
    expect([...new Set(rejectedRows)].sort()).toEqual(['3', '4']);
    await screenshot(page, 'registries-import-errors.zh-CN');

    const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').click()]);
    expect(reportDownload.suggestedFilename()).toBe('旅程项目-错误报告.xlsx');
    const report = await workbookOf(reportDownload);
    const marked = report.getWorksheet('项目库')!;
    const errorColumn = (marked.getRow(1).values as unknown[]).indexOf('错误说明');
    expect(errorColumn).toBeGreaterThan(0);
    expect(String(marked.getRow(3).getCell(errorColumn).value)).toContain('投资方');
    expect(String(marked.getRow(4).getCell(errorColumn).value)).toContain('总投资');

    // Fix the marked cells in the downloaded file and import it again (rows already imported are skipped).
    marked.getRow(3).getCell(3).value = '旅程投资乙公司';
    marked.getRow(4).getCell(7).value = '2027-02-28';
    marked.getRow(4).getCell(8).value = 5000;
    const fixedFile = `${server.dataDir}/旅程项目-已修正.xlsx`;
    await report.xlsx.writeFile(fixedFile);
    await page.getByRole('button', { name: /重新选择文件/ }).click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(fixedFile);
    await page.getByTestId('import-start').click();
    await result.waitFor();
    await expect(result.innerText()).resolves.toContain('新增 2 条');
    await expect(result.innerText()).resolves.toContain('跳过 1 条');
    await page.getByRole('button', { name: /继\s*续/ }).click();

    // 3. Move an imported project to the next stage.
    await page.goto('/projects?q=旅程导入甲项目');
    await waitIdle(page);
    await page.getByRole('link', { name: '旅程导入甲项目' }).click();
    await page.getByTestId('project-stage').filter({ hasText: '线索' }).waitFor();
    await page.getByTestId('change-stage').click();
    const stageForm = page.getByTestId('stage-form');
    await stageForm.locator('#note').fill('首次洽谈，对方确认选址意向');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('project-stage').filter({ hasText: '在谈' }).waitFor();
    await page.getByRole('tab', { name: '阶段' }).click();
    await page.getByText('首次洽谈，对方确认选址意向').waitFor();
    await screenshot(page, 'registries-project-stage.zh-CN');

    // 4. Export the filtered list; the imported projects are in it.
    await page.goto('/projects?q=旅程');
    await waitIdle(page);
    const [exportDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(exportDownload.suggestedFilename()).toMatch(/^项目库-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const exported = (await workbookOf(exportDownload)).worksheets[0]!;
    const codes: string[] = [];
    exported.eachRow((row, i) => i > 1 && codes.push(String(row.getCell(1).value)));
    expect(codes.sort()).toEqual(['E2E-1', 'E2E-2', 'E2E-3']);

    // The same pages in English.
    await page.goto('/projects?view=timeline');
    await waitIdle(page);
    await screenshot(page, 'registries-projects-timeline.zh-CN');
    await switchLanguage(page, 'en-US');
    await waitIdle(page);
    await screenshot(page, 'registries-projects-timeline.en-US');
    await page.goto('/projects?view=kanban');
    await waitIdle(page);
    await screenshot(page, 'registries-projects-kanban.en-US');
    await page.goto('/enterprises');
    await waitIdle(page);
    await screenshot(page, 'registries-enterprises.en-US');
    await importNearDuplicate(page, server.dataDir, '旅程测试生物科技（金山）有限公司', buildUscc('91', '310116', 'MAE2E0003'), [...registered, { name: nearName, uscc: nearUscc }], 'registries-import-warnings.en-US');

    expect(watch.foreignRequests).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});

import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, watchPage, type PageWatch } from '../support/browser.ts';
import { screenshot, switchLanguage } from '../support/screens.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const DEMO_PASSWORD = 'Jinshan#2023';
/** A month before the demo series begins (2019-01): no stored figures, so no history rules and no conflicts. */
const PERIOD = '2018-06';

const waitIdle = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-table-placeholder .ant-spin'), null, { timeout: 60_000 });

/**
 * Journey: the commission downloads the monthly template from the reports page, fills it with two enterprises'
 * month (one in 千元, one in 万元) and a row whose output is text, uploads it; the located error is shown, the
 * file comes back with it marked, and the two months appear on the reports list in 万元. In English, a changed
 * figure is listed as a conflict (with the enterprise's name) and the import is run again replacing it. A file
 * that is not .xlsx is refused before upload.
 */
describe('bureau import: template, upload with a bad row, imported values on the list', () => {
  let server: RunningServer;
  let browser: Browser;
  let watch: PageWatch;

  beforeAll(async () => {
    server = await startServer([], { demoEnterprises: 6 });
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
    const login = await page.request.post('/api/auth/login', { data: { username: 'demo_commission', password: DEMO_PASSWORD } });
    expect(login.ok()).toBe(true);
    const list = (await (await page.request.get('/api/enterprises?pageSize=2&sort=name')).json()) as { items: { uscc: string; name: string }[] };
    const [first, second] = list.items as [{ uscc: string; name: string }, { uscc: string; name: string }];

    // 1. The template, from the dialog on the reports page.
    await page.goto('/reports');
    await waitIdle(page);
    await page.getByTestId('bureau-import').click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByText('可导入平台模板').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bureau-template').click()]);
    expect(download.suggestedFilename()).toBe('月报-导入模板.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await fs.readFile((await download.path())!)) as never);
    const sheet = workbook.getWorksheet('月度统计')!;
    const headers = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (name: string) => headers.findIndex((h) => h.startsWith(name));

    // 2. Two good rows and one whose output is text.
    const fill = (r: number, values: { uscc: string; name: string; unit: string; output: number | string; sales: number; revenue: number }) => {
      const row = sheet.getRow(r);
      row.getCell(col('统一社会信用代码')).value = values.uscc;
      row.getCell(col('企业名称')).value = values.name;
      row.getCell(col('期间')).value = PERIOD;
      row.getCell(col('计量单位')).value = values.unit;
      row.getCell(col('工业总产值')).value = values.output;
      row.getCell(col('工业销售产值')).value = values.sales;
      row.getCell(col('营业收入')).value = values.revenue;
      row.getCell(col('从业人员期末人数')).value = 120;
    };
    fill(2, { uscc: first.uscc, name: first.name, unit: '千元', output: 12_345.6, sales: 12_000, revenue: 13_000 });
    fill(3, { uscc: second.uscc, name: second.name, unit: '万元', output: 876.5, sales: 800, revenue: 900 });
    fill(4, { uscc: second.uscc, name: second.name, unit: '万元', output: '一千', sales: 800, revenue: 900 });
    sheet.getRow(4).getCell(col('期间')).value = '2018-07';
    const file = `${server.dataDir}/统计局月报.xlsx`;
    await workbook.xlsx.writeFile(file);

    // A CSV is refused in the browser, before any upload.
    const csv = `${server.dataDir}/月报.csv`;
    await fs.writeFile(csv, 'a,b\n1,2\n');
    await dialog.locator('input[type=file]').setInputFiles(csv);
    await expect(page.getByTestId('bureau-import-failure').innerText()).resolves.toContain('不是 .xlsx 文件');
    await page.getByTestId('bureau-import-again').click();

    await dialog.locator('input[type=file]').setInputFiles(file);
    await screenshot(page, 'bureau-import-dialog.zh-CN');
    await page.getByTestId('bureau-import-start').click();
    const result = page.getByTestId('bureau-import-result');
    await result.waitFor();
    await expect(result.innerText()).resolves.toContain('新增 2 条');
    const errorRows = await page.getByTestId('bureau-import-errors').locator('.ant-table-tbody tr').allInnerTexts();
    expect(errorRows).toHaveLength(1);
    expect(errorRows[0]).toContain('月度统计');
    expect(errorRows[0]).toContain('一千');
    expect(errorRows[0]).toMatch(/\b4\b/);
    expect(errorRows[0]).toContain('不是数字');
    await screenshot(page, 'bureau-import-result.zh-CN');
    // The uploaded file back with the bad cell marked (red, with the message as a comment).
    const [marked] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bureau-import-report').click()]);
    expect(marked.suggestedFilename()).toBe('统计局月报-错误报告.xlsx');
    const markedBook = new ExcelJS.Workbook();
    await markedBook.xlsx.load((await fs.readFile((await marked.path())!)) as never);
    const badCell = markedBook.getWorksheet('月度统计')!.getRow(4).getCell(col('工业总产值'));
    expect((badCell.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
    expect(JSON.stringify(badCell.note)).toContain('不是数字');
    await page.getByRole('button', { name: /继\s*续/ }).click();

    // 3. The imported months on the list, in 万元: 12 345.6 千元 = 1 234.56 万元.
    await page.locator('.ant-segmented-item').filter({ hasText: '全部' }).click();
    const picker = page.locator('.ant-picker input');
    await picker.click();
    await picker.fill(PERIOD);
    await picker.press('Enter');
    // The list reloads after the period changes; wait for the filtered rows, not merely for no spinner (the reload
    // may not have started yet, and the unfiltered list holds the same enterprises' recent months).
    const rowOf = (name: string) => page.getByRole('row').filter({ hasText: name }).filter({ hasText: PERIOD });
    await rowOf(first.name).waitFor({ timeout: 30_000 });
    await waitIdle(page);
    const firstRow = rowOf(first.name);
    await expect(firstRow.innerText()).resolves.toContain('1,234.56');
    await expect(firstRow.innerText()).resolves.toContain('已审定');
    await expect(rowOf(second.name).innerText()).resolves.toContain('876.50');
    await screenshot(page, 'bureau-import-list.zh-CN');

    // 4. In English: a changed output is a conflict; the stored figure is kept until the import is run again with replace.
    await switchLanguage(page, 'en-US');
    sheet.getRow(3).getCell(col('工业总产值')).value = 900;
    sheet.spliceRows(4, 1);
    await workbook.xlsx.writeFile(file);
    await page.getByTestId('bureau-import').click();
    await dialog.getByText('Import the platform template').waitFor();
    await dialog.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('bureau-import-start').click();
    await result.waitFor();
    await expect(result.innerText()).resolves.toContain('1 skipped');
    const conflicts = await page.getByTestId('bureau-import-conflicts').locator('.ant-table-tbody tr').allInnerTexts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toContain(second.uscc);
    expect(conflicts[0]).toContain(second.name);
    expect(conflicts[0]).toContain('Gross industrial output');
    expect(conflicts[0]).toContain('876.5000');
    expect(conflicts[0]).toContain('900.0000');
    await screenshot(page, 'bureau-import-conflicts.en-US');
    await page.getByTestId('bureau-import-replace').click();
    // The re-run replaces the result shown; poll, so the one on screen when the click returns is not the one read.
    await expect.poll(() => result.innerText(), { timeout: 60_000 }).toContain('1 updated');
    await screenshot(page, 'bureau-import-replaced.en-US');
    await page.getByRole('button', { name: /Continue/ }).click();
    // The closing dialog keeps its last content (now naming the enterprise) until its animation ends.
    await dialog.waitFor({ state: 'hidden' });
    // The list reloads after the import; poll until it shows the replaced figure.
    await expect.poll(() => rowOf(second.name).innerText(), { timeout: 30_000 }).toContain('900.00');
    await screenshot(page, 'bureau-import-list.en-US');

    expect(watch.foreignRequests).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});

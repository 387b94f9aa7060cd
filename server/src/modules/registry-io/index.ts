/** What other features may use of `registry-io`: they import it only through this file (app/module-boundaries.test.ts). */
export { markSheetProblems, type SheetProblem } from './error-report.ts';
export { findImportReport, storeImportReport } from './import-reports.ts';
export { registerRegistryIoRoutes } from './registry-io.routes.ts';
export { ImportRefused, assertSafeWorkbook, loadWorkbook } from './workbook.ts';
export { cellText, dataSheet } from './workbook.ts';

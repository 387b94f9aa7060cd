/** What other features may use of `registry-io`: they import it only through this file (app/module-boundaries.test.ts). */
import { defineFeature } from '../../app/feature.ts';
import { registerRegistryIoRoutes } from './registry-io.routes.ts';
export { markSheetProblems, type SheetProblem } from './error-report.ts';
import { importReportPruneJob } from './import-reports.ts';
export { findImportReport, storeImportReport } from './import-reports.ts';

export { ImportRefused, assertSafeWorkbook, loadWorkbook } from './workbook.ts';
export { cellText, dataSheet } from './workbook.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const registryIoFeature = defineFeature({
  name: 'registry-io',
  routes: registerRegistryIoRoutes,
  jobs: [importReportPruneJob],
});

import type { BrowserContext, Page } from 'playwright-core';

/** What one page load cost, as the browser saw it. */
export interface FirstLoadFigures {
  /** From navigation start to the first chart's canvas in the page (ms). */
  firstChartMs: number;
  /** Requests the page made: the document, scripts, styles, fonts, images and API calls. */
  requests: number;
  /** Of those, API calls. */
  apiRequests: number;
  /** Bytes over the wire (compressed sizes, headers excluded); a request answered from the cache counts 0. */
  transferredBytes: number;
  /** Bytes after decoding (what the browser had to parse). */
  decodedBytes: number;
  /** Requests answered from the browser cache without going to the server. */
  fromCache: number;
}

/**
 * Records, from the first byte of every document, the moment a chart canvas first appears. Installed as an
 * init script so that no polling delay of the test runner is counted.
 */
export async function watchFirstChart(context: BrowserContext, selector: string): Promise<void> {
  // A string, not a function: a transpiler's helpers (e.g. esbuild's __name) would not exist in the page.
  await context.addInitScript(`(() => {
    const selector = ${JSON.stringify(selector)};
    const check = () => {
      if (window.__firstChartAt === undefined && document.querySelector(selector)) window.__firstChartAt = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  })();`);
}

/**
 * Loads `path` (a fresh navigation, or a reload of the page already on it) and reports what it cost once the
 * first chart is drawn and the network has gone quiet. A report, not an assertion: timings depend on the machine.
 */
export async function measureLoad(page: Page, path: string, mode: 'navigate' | 'reload' = 'navigate'): Promise<FirstLoadFigures> {
  if (mode === 'reload') await page.reload({ waitUntil: 'load' });
  else await page.goto(path, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __firstChartAt?: number }).__firstChartAt !== undefined, undefined, { timeout: 60_000 });
  // Then let the page finish its requests; a machine too busy to go quiet within the limit still gets a report.
  await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const entries = [...navigation, ...resources].filter((e) => new URL(e.name).origin === location.origin);
    const api = entries.filter((e) => new URL(e.name).pathname.startsWith('/api/'));
    return {
      firstChartMs: Math.round((window as unknown as { __firstChartAt: number }).__firstChartAt),
      requests: entries.length,
      apiRequests: api.length,
      transferredBytes: entries.reduce((sum, e) => sum + (e.transferSize > 0 ? e.encodedBodySize : 0), 0),
      decodedBytes: entries.reduce((sum, e) => sum + e.decodedBodySize, 0),
      fromCache: entries.filter((e) => e.transferSize === 0 && e.decodedBodySize > 0).length,
    };
  });
}

/** One line per load for the suite's output. */
export function formatFigures(label: string, f: FirstLoadFigures): string {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  return `${label.padEnd(28)} first chart ${String(f.firstChartMs).padStart(5)} ms · ${String(f.requests).padStart(3)} requests (${f.apiRequests} API, ${f.fromCache} from cache) · ${kb(f.transferredBytes)} over the wire · ${kb(f.decodedBytes)} decoded`;
}

import { prefetchCockpitPage } from '../features/cockpit/cockpit.api.ts';

/**
 * The pages a full reload most often lands on, with what they need first. The page's code (and, for the
 * cockpit, its data) is requested as the app starts, in parallel with the session check, instead of after it.
 * The same module specifiers as the router's lazy imports: the browser fetches each chunk once.
 */
const FIRST_PAGES: ReadonlyArray<readonly [RegExp, () => unknown]> = [
  [/^\/cockpit\/?$/, () => (prefetchCockpitPage(), import('../features/cockpit/cockpit-page.tsx'))],
  [/^\/?$/, () => import('../features/home/home-page.tsx')],
  [/^\/enterprises\/?$/, () => import('../features/enterprises/enterprises-page.tsx')],
  [/^\/reports\/?$/, () => import('../features/statistics/reports-page.tsx')],
  [/^\/monitoring\/?$/, () => import('../features/statistics/monitoring-page.tsx')],
  [/^\/warnings\/?$/, () => import('../features/warnings/warnings-page.tsx')],
];

/** Starts loading what the page at `pathname` needs first; a failure is left to the router's own import. */
export function preloadFirstPage(pathname: string): void {
  const match = FIRST_PAGES.find(([pattern]) => pattern.test(pathname));
  if (!match) return;
  Promise.resolve()
    .then(match[1])
    .catch(() => undefined);
}

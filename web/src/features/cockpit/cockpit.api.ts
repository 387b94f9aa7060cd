import { cockpitPageSchema, type CockpitPageQuery, type CockpitPageView } from '../../../../contracts/cockpit-page.ts';
import { api, buildUrl } from '../../app/api.ts';

const PATH = '/api/cockpit-page';
/** A prefetched answer older than this is not used (the page fetches again). */
const PREFETCH_FRESH_MS = 10_000;

let prefetched: { at: number; response: Promise<Response | null> } | null = null;

/**
 * Starts the cockpit page's request (default indicator and period) while the app is still loading its code
 * and checking the session, so a full reload of /cockpit waits for one round trip less. A plain fetch, so a
 * 401 or 403 here (no session yet, another role) has none of the API client's global effects: the page then
 * asks again through the client, which reacts as usual.
 */
export function prefetchCockpitPage(): void {
  const response = fetch(buildUrl(PATH, {}), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
    .then((r) => (r.ok ? r : null))
    .catch(() => null);
  prefetched = { at: Date.now(), response };
}

/** The page's data: the prefetched answer when it is for this query and still fresh, else a request. */
export async function getCockpitPage(query: Partial<CockpitPageQuery>, signal?: AbortSignal): Promise<CockpitPageView> {
  const early = prefetched;
  prefetched = null;
  if (early && Date.now() - early.at < PREFETCH_FRESH_MS && !query.period && (query.indicator ?? 'revenue') === 'revenue') {
    const response = await early.response;
    if (response) return cockpitPageSchema.parse(await response.json());
  }
  return api.get(PATH, cockpitPageSchema, { query, ...(signal ? { signal } : {}) });
}

import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export const PAGE_SIZES = [10, 20, 50, 100] as const;

function positiveInt(raw: string | null, fallback: number, max: number): number {
  const value = Number(raw);
  return Number.isInteger(value) && value >= 1 ? Math.min(value, max) : fallback;
}

/**
 * Page, page size and filters of a list page, kept in the URL so that reload, back/forward and a copied
 * link all show the same list.
 */
export function useListParams<K extends string>(filterKeys: readonly K[], defaultPageSize = 20) {
  const [params, setParams] = useSearchParams();
  const page = positiveInt(params.get('page'), 1, 100_000);
  const pageSize = positiveInt(params.get('pageSize'), defaultPageSize, 200);
  const filterSignature = filterKeys.map((key) => `${key}=${params.get(key) ?? ''}`).join('&');

  const filters = useMemo(() => {
    const entries = filterKeys.map((key) => [key, params.get(key) ?? ''] as const);
    return Object.fromEntries(entries) as Record<K, string>;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the signature captures the relevant params
  }, [filterSignature]);

  const setPage = useCallback(
    (nextPage: number, nextPageSize: number) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set('page', String(nextPageSize !== pageSize ? 1 : nextPage));
        next.set('pageSize', String(nextPageSize));
        return next;
      });
    },
    [setParams, pageSize],
  );

  const setFilters = useCallback(
    (changes: Partial<Record<K, string | undefined>>) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes) as [K, string | undefined][]) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        next.delete('page');
        return next;
      });
    },
    [setParams],
  );

  return { page, pageSize, filters, setPage, setFilters };
}

import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { onForbidden } from './api.ts';
import type { ApiRequestError } from './api-error.ts';
import { ForbiddenPage } from './pages/forbidden-page.tsx';

/** Replaces the page content with the 403 page when any API call answers 403; cleared on navigation. */
export function ForbiddenGate({ children }: { children: ReactNode }) {
  const [error, setError] = useState<ApiRequestError | null>(null);
  const location = useLocation();
  useEffect(() => onForbidden(setError), []);
  useEffect(() => setError(null), [location.key]);
  return error ? <ForbiddenPage error={error} /> : <>{children}</>;
}

import type { MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows of the platform's own operations and per-user features (issue 10 §3–5): jobs (the commission
 * only), the inbox (every signed-in user, own notifications only) and attachments (under the owning object's
 * scope).
 */
export const OPERATIONS_MATRIX_ROWS: MatrixRow[] = [
  { route: 'GET /api/jobs', allowed: ['commission'] },
  { route: 'GET /api/jobs/runs', allowed: ['commission'], request: () => ({ url: '/api/jobs/runs?job=job-history-prune&limit=5' }) },
  { route: 'POST /api/jobs/:name/run', allowed: ['commission'], request: () => ({ url: '/api/jobs/job-history-prune/run' }) },
];

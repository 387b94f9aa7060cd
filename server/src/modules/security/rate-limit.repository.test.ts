import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { countHit, deleteEndedWindows, readHits } from './rate-limit.repository.ts';

/**
 * The rate-limit counters that several server processes on one PostgreSQL share
 * (docs/decisions/0033-stateless-app-servers.md). The statements are the same on both engines; windows are on
 * the database's clock, so the tests end one by moving its stored end.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('rate-limit counters in the database', () => {
  it('count in one window per key, start again when it ends, and are pruned after', async () => {
    expect((await countHit(t.deps.database, 'k1', 60_000)).hits).toBe(1);
    expect((await countHit(t.deps.database, 'k2', 60_000)).hits).toBe(1);
    const third = await countHit(t.deps.database, 'k1', 60_000);
    expect(third.hits).toBe(2);
    expect(third.ttlMs).toBeGreaterThan(50_000);
    expect(third.ttlMs).toBeLessThanOrEqual(60_000);
    expect((await readHits(t.deps.database, 'k1')).hits).toBe(2);
    expect((await readHits(t.deps.database, 'k1')).hits).toBe(2);

    await t.deps.database.query(`UPDATE rate_limit_counters SET window_ends_at = now() - interval '1 second' WHERE key = 'k1'`);
    expect((await readHits(t.deps.database, 'k1')).hits).toBe(0);
    expect(await deleteEndedWindows(t.deps.database)).toBe(1);
    expect((await countHit(t.deps.database, 'k1', 60_000)).hits).toBe(1);
  });

  it('commit without waiting for the disk, and leave the connection synchronous for every other statement', async () => {
    const hit = await countHit(t.deps.database, 'async', 60_000);
    expect(hit.durableCommit).toBe(false);
    // Sequential statements: the pool hands the connection just released to the next one (and PGlite has one).
    const [after] = await t.deps.database.query<{ mode: string }>(`SELECT current_setting('synchronous_commit') AS mode`);
    expect(after!.mode).toBe('on');
  });

  it('lose no count when requests arrive together', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => countHit(t.deps.database, 'together', 60_000)));
    expect(results.map((r) => r.hits).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

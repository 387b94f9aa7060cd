import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import type { Actor } from '../app/actor.ts';
import { consoleOperatorCaller } from '../modules/registry-common/caller.ts';
import { dualTrack } from '../modules/supervision/index.ts';
import { boardOf, scopedYearState } from '../modules/supervision/supervision.service.ts';
import { seedDemo } from './seed-demo.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.cleanup());

describe('demo supervision', () => {
  it('tells a year of 督办 across the plan’s real units: mostly on schedule, some red and yellow, a dual-track flag', { timeout: 300_000 }, async () => {
    const now = new Date(Date.UTC(2026, 10, 20, 2));
    await seedDemo(db.database, { enterprises: 30, seed: 7, now });
    const caller = consoleOperatorCaller();
    const { state, items } = await scopedYearState(db.database.db, caller, 2026, now);
    const board = boardOf(state, items, caller);
    const colours = { green: 0, blue: 0, yellow: 0, red: 0 };
    for (const i of board.items) colours[i.status]++;
    expect(colours.red).toBeGreaterThan(0);
    expect(colours.yellow).toBeGreaterThan(0);
    expect(colours.green).toBeGreaterThan(colours.red + colours.yellow);
    const names = board.units.map((u) => u.name);
    for (const unit of ['区经委', '区科委', '区发改委', '区财政局(金融办)', '区规划资源局']) expect(names).toContain(unit);
    expect(board.units.find((u) => u.name === '区应急管理局')!.overdue).toBeGreaterThan(0);
    expect(board.units.find((u) => u.name === '区卫健委')!.onTimeRate).toBeLessThan(1);
    const track = await dualTrack(db.database.db, caller, 2026, now);
    expect(track.tasks.some((t) => t.flag !== null)).toBe(true);
    // A department sees only its own row of the ranking.
    const kewei = (await db.database.query<{ id: string }>(`SELECT id FROM departments WHERE code = 'kewei'`))[0]!.id;
    const deptCaller = { ...caller, actor: { ...caller.actor, role: 'department', scope: { kind: 'department', id: kewei } } as Actor };
    const own = await scopedYearState(db.database.db, deptCaller, 2026, now);
    expect(boardOf(own.state, own.items, deptCaller).units.map((u) => u.name)).toEqual(['区科委']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession } from '../../../test/fixtures.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { XLSX_MIME } from '../lib/spreadsheet.ts';
import { createImportQueue, importQueueOf } from './import-queue.ts';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('the heavy-import queue', () => {
  it('runs at most `concurrency` at once, in arrival order, telling each waiter its place as it moves up', async () => {
    const queue = createImportQueue(1, 3);
    const first = gate();
    const order: string[] = [];
    const places: Record<string, number[]> = { b: [], c: [] };
    const a = queue.run(async () => {
      order.push('a');
      await first.opened;
    });
    const b = queue.run(async () => void order.push('b'), (p) => places.b!.push(p));
    const c = queue.run(async () => void order.push('c'), (p) => places.c!.push(p));
    expect(queue.running).toBe(1);
    expect(queue.waiting).toBe(2);
    expect(order).toEqual(['a']);
    first.open();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(places).toEqual({ b: [1], c: [2, 1] });
    expect(queue.running).toBe(0);
  });

  it('a failed import frees its slot; a full queue answers 503', async () => {
    const queue = createImportQueue(1, 1);
    await expect(queue.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const hold = gate();
    const a = queue.run(() => hold.opened);
    const b = queue.run(async () => 'b');
    await expect(queue.run(async () => 'c')).rejects.toMatchObject({ status: 503, code: 'IMPORT_QUEUE_FULL' });
    hold.open();
    await a;
    expect(await b).toBe('b');
  });
});

describe('the queue place in the streamed answer', () => {
  let t: TestApp;
  let commission: Session;
  beforeAll(async () => {
    t = await createTestApp();
    commission = await activeSession(t, 'u_queue', 'commission');
  });
  afterAll(async () => t?.close());

  it.each(['/api/enterprises/import?mode=valid-only', '/api/monthly-reports/import?mode=valid-only&onConflict=keep'])('%s: waits behind a running import, says so, then runs', async (url) => {
    const busy = gate();
    const running = importQueueOf(t.deps).run(() => busy.opened);
    const answer = t.app.inject({ method: 'POST', url, payload: Buffer.from('MZ not a workbook'), headers: { cookie: commission.cookie, 'x-csrf-token': commission.csrf, 'content-type': XLSX_MIME, accept: 'application/x-ndjson' } });
    // Open the running import only once the request waits behind it (the session lookup takes its time).
    const queue = importQueueOf(t.deps);
    for (let i = 0; i < 200 && queue.waiting === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(queue.waiting).toBe(1);
    busy.open();
    await running;
    const lines = (await answer).body.trim().split('\n').map((l) => JSON.parse(l) as { type: string; phase?: string; position?: number; error?: { code: string } });
    expect(lines[0]).toMatchObject({ type: 'progress', phase: 'queued', position: 1 });
    expect(lines.some((l) => l.phase === 'check')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ type: 'error', error: { code: 'IMPORT_REFUSED' } });
  });
});

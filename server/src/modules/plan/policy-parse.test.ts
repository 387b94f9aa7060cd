import { describe, expect, it } from 'vitest';
import { parsePolicyInWorker } from './policy-parse.ts';

describe('policy documents are read and parsed in a worker thread', () => {
  it('answers like the in-process parser, refusals included, and keeps one warm worker', async () => {
    const ok = await parsePolicyInWorker(Buffer.from('金山区生物制造产业规模突破500亿元\n一、指导思想\n'), 'a.txt');
    expect(ok.text).toContain('指导思想');
    expect(ok.fileName).toBe('a.txt');
    const t0 = performance.now();
    await expect(parsePolicyInWorker(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'a.txt')).rejects.toMatchObject({ code: 'POLICY_FILE_UNSUPPORTED', status: 415 });
    expect(performance.now() - t0).toBeLessThan(1_500);
  });

  it('stops a parse at the time limit with a clear 413, and the next document still parses', async () => {
    // Hard-wrapped lines without full stops: the unwrapping before the parser is the slow path this guards.
    const hostile = Buffer.from(Array.from({ length: 50_000 }, (_, i) => `第${i}行推进生物制造产业高质量发展加快培育壮大市场主体着力提升产业`).join('\n'));
    const started = performance.now();
    const refused = parsePolicyInWorker(hostile, 'wrapped.txt', { timeoutMs: 50, maxHeapMb: 256 });
    await expect(refused).rejects.toMatchObject({ status: 413, code: 'POLICY_PARSE_TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(50 + 8_000);
    const after = await parsePolicyInWorker(Buffer.from('金山区生物制造\n'), 'b.txt');
    expect(after.text).toContain('金山区');
  }, 30_000);
});

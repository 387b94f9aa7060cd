import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditRecordForHash,
  computeAuditHash,
  computeKeyedAuditHash,
  createAuditChainVerifier,
  GENESIS_PREV_HASH,
  sealAuditRecord,
  type SealedAuditRecord,
  verifyAuditChain,
  verifyAuditChainAsync,
} from './audit-chain.ts';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const baseFields = (): Omit<AuditRecordForHash, 'seq' | 'prevHash'> => ({
  at: '2025-03-01T00:00:00.000Z',
  actorUserId: 'u-1',
  actorUsername: 'secadmin',
  actorRole: 'secadmin',
  ip: '10.0.0.5',
  action: 'user.create',
  objectType: 'user',
  objectId: 'u-2',
  outcome: 'success',
  before: null,
  after: { username: 'zhangsan', role: 'enterprise_user' },
  details: null,
});

describe('computeAuditHash', () => {
  it('is sha256 over the canonical JSON of exactly the record fields, prevHash included (pinned format)', () => {
    const record: AuditRecordForHash = { ...baseFields(), seq: 1, prevHash: GENESIS_PREV_HASH };
    const expected =
      '{"action":"user.create","actorRole":"secadmin","actorUserId":"u-1","actorUsername":"secadmin",' +
      '"after":{"role":"enterprise_user","username":"zhangsan"},"at":"2025-03-01T00:00:00.000Z","before":null,' +
      '"details":null,"ip":"10.0.0.5","objectId":"u-2","objectType":"user","outcome":"success",' +
      `"prevHash":"${'0'.repeat(64)}","seq":1}`;
    expect(computeAuditHash(record)).toBe(sha256(expected));
    expect(GENESIS_PREV_HASH).toBe('0'.repeat(64));
  });

  it('ignores extra properties such as the stored hash or a row id', () => {
    const record: AuditRecordForHash = { ...baseFields(), seq: 1, prevHash: GENESIS_PREV_HASH };
    const withExtras = { ...record, hash: 'f'.repeat(64), id: 42 } as AuditRecordForHash;
    expect(computeAuditHash(withExtras)).toBe(computeAuditHash(record));
  });

  it('hashes the same after a database round trip (undefined → null, Date/offset forms of `at`)', () => {
    const record: AuditRecordForHash = {
      ...baseFields(),
      seq: 7,
      prevHash: 'a'.repeat(64),
      before: undefined,
      details: { when: new Date('2025-03-01T00:00:00Z'), skipped: undefined },
    };
    const h = computeAuditHash(record);
    const roundTripped = JSON.parse(JSON.stringify(record)) as AuditRecordForHash; // before dropped, Date → string
    expect(computeAuditHash(roundTripped)).toBe(h);
    expect(computeAuditHash({ ...roundTripped, before: null })).toBe(h);
    for (const at of [new Date('2025-03-01T00:00:00Z'), '2025-03-01T08:00:00+08:00', '2025-03-01 00:00:00+00', '2025-03-01T00:00:00.000000Z']) {
      expect(computeAuditHash({ ...roundTripped, at: at as string })).toBe(h);
    }
    expect(computeAuditHash({ ...roundTripped, at: '2025-03-01T00:00:00.001Z' })).not.toBe(h);
  });
});

// ---- chains -------------------------------------------------------------------------------------------------

const nullableText = fc.option(fc.string({ maxLength: 12 }), { nil: null });
const fieldsArb: fc.Arbitrary<Omit<AuditRecordForHash, 'seq' | 'prevHash'>> = fc.record({
  at: fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  actorUserId: nullableText,
  actorUsername: nullableText,
  actorRole: nullableText,
  ip: nullableText,
  action: fc.string({ minLength: 1, maxLength: 12 }),
  objectType: nullableText,
  objectId: nullableText,
  outcome: fc.constantFrom('success', 'failure', 'denied'),
  before: fc.jsonValue({ maxDepth: 2 }),
  after: fc.jsonValue({ maxDepth: 2 }),
  details: fc.jsonValue({ maxDepth: 2 }),
});

function buildChain(fields: Array<Omit<AuditRecordForHash, 'seq' | 'prevHash'>>): SealedAuditRecord[] {
  const chain: SealedAuditRecord[] = [];
  for (const f of fields) {
    const last = chain.at(-1);
    chain.push(sealAuditRecord(f, last ? { seq: last.seq, hash: last.hash } : null));
  }
  return chain;
}

const FIELDS = [
  'seq',
  'at',
  'actorUserId',
  'actorUsername',
  'actorRole',
  'ip',
  'action',
  'objectType',
  'objectId',
  'outcome',
  'before',
  'after',
  'details',
  'prevHash',
  'hash',
] as const;

function flipHex(h: string): string {
  return (h[0] === '0' ? '1' : '0') + h.slice(1);
}

/** A different value for the field, one that is also different after canonicalisation. */
function tamper(record: SealedAuditRecord, field: (typeof FIELDS)[number]): SealedAuditRecord {
  const r = { ...record } as Record<string, unknown>;
  switch (field) {
    case 'seq':
      r.seq = record.seq + 1;
      break;
    case 'at':
      r.at = new Date(Date.parse(record.at) + 1).toISOString();
      break;
    case 'outcome':
      r.outcome = record.outcome === 'success' ? 'failure' : 'success';
      break;
    case 'action':
      r.action = `${record.action}x`;
      break;
    case 'before':
    case 'after':
    case 'details':
      r[field] = { tampered: record[field] ?? null };
      break;
    case 'prevHash':
    case 'hash':
      r[field] = flipHex(record[field]);
      break;
    default: {
      const old = record[field];
      r[field] = old === null ? '' : `${old}x`;
    }
  }
  return r as SealedAuditRecord;
}

describe('verifyAuditChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const chain = buildChain([baseFields(), baseFields(), { ...baseFields(), outcome: 'denied' }]);
    expect(chain[0]!.prevHash).toBe(GENESIS_PREV_HASH);
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    expect(chain.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(verifyAuditChain(chain)).toEqual({ ok: true, checked: 3, head: { seq: 3, hash: chain[2]!.hash } });
    expect(verifyAuditChain([])).toEqual({ ok: true, checked: 0, head: null });
  });

  it('property: changing any single field of any record is detected at exactly that record', () => {
    fc.assert(
      fc.property(
        fc.array(fieldsArb, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.constantFrom(...FIELDS),
        (fields, pick, field) => {
          const chain = buildChain(fields);
          const k = pick % chain.length;
          const original = chain[k]!;
          const tampered = tamper(original, field);
          chain[k] = tampered;
          const result = verifyAuditChain(chain);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.checked).toBe(k);
          expect(result.firstBroken.seq).toBe(tampered.seq);
          const expectedReason = field === 'seq' ? 'sequence-gap' : field === 'prevHash' ? 'prev-hash-mismatch' : 'hash-mismatch';
          expect(result.firstBroken.reason).toBe(expectedReason);
          expect(result.firstBroken.at).toBe(tampered.at);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('property: a record re-sealed after editing (hash recomputed) is caught at the next record', () => {
    fc.assert(
      fc.property(fc.array(fieldsArb, { minLength: 2, maxLength: 8 }), fc.nat(), (fields, pick) => {
        const chain = buildChain(fields);
        const k = pick % (chain.length - 1);
        const edited = { ...chain[k]!, details: { forged: true } };
        chain[k] = { ...edited, hash: computeAuditHash(edited) };
        const result = verifyAuditChain(chain);
        expect(result).toMatchObject({ ok: false, checked: k + 1, firstBroken: { seq: k + 2, reason: 'prev-hash-mismatch' } });
      }),
      { numRuns: 200 },
    );
  });

  it('detects deleted, duplicated, reordered and inserted records', () => {
    const chain = buildChain(Array.from({ length: 6 }, (_, i) => ({ ...baseFields(), objectId: `o${i}` })));
    // deletion in the middle → gap at the record after it
    expect(verifyAuditChain([...chain.slice(0, 2), ...chain.slice(3)])).toMatchObject({
      ok: false,
      checked: 2,
      firstBroken: { seq: 4, reason: 'sequence-gap' },
    });
    // duplicate
    expect(verifyAuditChain([chain[0]!, chain[1]!, chain[1]!])).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 2, reason: 'sequence-gap' } });
    // swap
    expect(verifyAuditChain([chain[0]!, chain[2]!, chain[1]!])).toMatchObject({ ok: false, checked: 1, firstBroken: { seq: 3, reason: 'sequence-gap' } });
    // deleting the first record
    expect(verifyAuditChain(chain.slice(1))).toMatchObject({ ok: false, checked: 0, firstBroken: { seq: 2, reason: 'sequence-gap' } });
    // a record inserted with renumbered successors but stale links
    const forged = sealAuditRecord({ ...baseFields(), action: 'forged' }, { seq: 2, hash: chain[1]!.hash });
    const renumbered = chain.slice(2).map((r) => ({ ...r, seq: r.seq + 1 }));
    expect(verifyAuditChain([...chain.slice(0, 2), forged, ...renumbered])).toMatchObject({
      ok: false,
      checked: 3,
      firstBroken: { seq: 4, reason: 'prev-hash-mismatch' },
    });
  });

  it('requires the genesis record to be seq 1 with the all-zero prevHash', () => {
    const first = sealAuditRecord(baseFields(), null);
    const wrongPrev = { ...first, prevHash: 'f'.repeat(64) };
    expect(verifyAuditChain([{ ...wrongPrev, hash: computeAuditHash(wrongPrev) }])).toMatchObject({
      ok: false,
      firstBroken: { seq: 1, reason: 'prev-hash-mismatch' },
    });
    const seq0 = { ...first, seq: 0 };
    expect(verifyAuditChain([{ ...seq0, hash: computeAuditHash(seq0) }])).toMatchObject({
      ok: false,
      firstBroken: { seq: 0, reason: 'sequence-gap' },
    });
  });

  it('cannot see a truncated or wholly rewritten tail, but the anchored head can', () => {
    const chain = buildChain(Array.from({ length: 5 }, () => baseFields()));
    const anchor = verifyAuditChain(chain);
    expect(anchor.ok).toBe(true);
    const truncated = verifyAuditChain(chain.slice(0, 3));
    expect(truncated.ok).toBe(true); // documented limitation (see ADR 0004) ...
    if (anchor.ok && truncated.ok) expect(truncated.head).not.toEqual(anchor.head); // ... caught by the anchor
    const rewritten = buildChain([...Array.from({ length: 3 }, () => baseFields()), { ...baseFields(), action: 'x' }, baseFields()]);
    const r = verifyAuditChain(rewritten);
    expect(r.ok).toBe(true);
    if (anchor.ok && r.ok) expect(r.head!.hash).not.toBe(anchor.head!.hash);
  });
});

describe('createAuditChainVerifier (streaming)', () => {
  it('property: page-by-page verification equals whole-chain verification', () => {
    fc.assert(
      fc.property(
        fc.array(fieldsArb, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.tuple(fc.nat(), fc.constantFrom(...FIELDS)), { nil: undefined }),
        (fields, pageSize, damage) => {
          const chain = buildChain(fields);
          if (damage) {
            const k = damage[0] % chain.length;
            chain[k] = tamper(chain[k]!, damage[1]);
          }
          const verifier = createAuditChainVerifier();
          for (let i = 0; i < chain.length; i += pageSize) {
            for (const r of chain.slice(i, i + pageSize)) verifier.push(r);
          }
          expect(verifier.result()).toEqual(verifyAuditChain(chain));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stops at the first break and ignores later pushes', () => {
    const chain = buildChain(Array.from({ length: 4 }, () => baseFields()));
    const v = createAuditChainVerifier();
    expect(v.push(chain[0]!)).toBe(true);
    expect(v.push({ ...chain[1]!, ip: '6.6.6.6' })).toBe(false);
    expect(v.push(chain[2]!)).toBe(false);
    expect(v.result()).toEqual({ ok: false, checked: 1, firstBroken: { seq: 2, at: chain[1]!.at, reason: 'hash-mismatch' } });
  });

  it('continues from a verified or anchored head', () => {
    const chain = buildChain(Array.from({ length: 6 }, () => baseFields()));
    const start = { seq: chain[2]!.seq, hash: chain[2]!.hash };
    expect(verifyAuditChain(chain.slice(3), start)).toEqual({ ok: true, checked: 3, head: { seq: 6, hash: chain[5]!.hash } });
    expect(verifyAuditChain(chain.slice(3), { seq: 3, hash: flipHex(start.hash) })).toMatchObject({
      ok: false,
      firstBroken: { seq: 4, reason: 'prev-hash-mismatch' },
    });
  });

  it('verifies async sources', async () => {
    const chain = buildChain(Array.from({ length: 5 }, () => baseFields()));
    async function* pages() {
      for (let i = 0; i < chain.length; i += 2) {
        await Promise.resolve();
        yield* chain.slice(i, i + 2);
      }
    }
    expect(await verifyAuditChainAsync(pages())).toEqual(verifyAuditChain(chain));
    chain[3] = { ...chain[3]!, outcome: 'denied' };
    expect(await verifyAuditChainAsync(pages())).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 4 } });
  });

  it('reports a record whose content cannot be hashed (cyclic) as a hash mismatch instead of throwing', () => {
    const [first] = buildChain([baseFields()]);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(verifyAuditChain([{ ...first!, details: cyclic }])).toMatchObject({ ok: false, firstBroken: { reason: 'hash-mismatch' } });
  });
});

describe('computeKeyedAuditHash (ADR 0014)', () => {
  it('MACs the canonical JSON of every stored column, request id and scheme included (pinned format)', () => {
    const record = { ...baseFields(), seq: 1, prevHash: GENESIS_PREV_HASH, requestId: 'req-1' };
    const echo = { scheme: 'hmac-sm3', mac: (data: string) => data };
    expect(computeKeyedAuditHash(record, echo)).toBe(
      '{"action":"user.create","actorRole":"secadmin","actorUserId":"u-1","actorUsername":"secadmin",' +
        '"after":{"role":"enterprise_user","username":"zhangsan"},"at":"2025-03-01T00:00:00.000Z","before":null,' +
        '"chain":"hmac-sm3","details":null,"ip":"10.0.0.5","objectId":"u-2","objectType":"user","outcome":"success",' +
        `"prevHash":"${'0'.repeat(64)}","requestId":"req-1","seq":1}`,
    );
    expect(computeKeyedAuditHash({ ...record, requestId: 'req-2' }, echo)).not.toBe(computeKeyedAuditHash(record, echo));
  });

  it('a verifier with a MAC accepts plain SHA-256 records only before the first keyed one, and wants a keyed head', () => {
    const mac = { scheme: 'hmac-test', mac: (data: string) => sha256(`k:${data}`) };
    const plain = sealAuditRecord(baseFields(), null);
    const keyedRecord = (prev: SealedAuditRecord): SealedAuditRecord => {
      const r = { ...baseFields(), seq: prev.seq + 1, prevHash: prev.hash, requestId: null };
      return { ...r, hash: computeKeyedAuditHash(r, mac) };
    };
    const second = keyedRecord(plain);
    const v = createAuditChainVerifier(undefined, { mac, requireKeyedHead: true });
    expect(v.push(plain) && v.push(second)).toBe(true);
    expect(v.result().ok).toBe(true);
    expect(v.legacyCount()).toBe(1);
    const third = sealAuditRecord(baseFields(), { seq: second.seq, hash: second.hash }); // plain after keyed
    expect(v.push(third)).toBe(false);
    expect(v.result()).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'hash-mismatch' } });
    const onlyPlain = createAuditChainVerifier(undefined, { mac, requireKeyedHead: true });
    onlyPlain.push(plain);
    expect(onlyPlain.result()).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'not-keyed' } });
  });
});

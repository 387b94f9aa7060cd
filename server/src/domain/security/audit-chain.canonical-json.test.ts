import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './audit-chain.ts';

/** Rebuilds every object with its keys in a pseudo-random order driven by `seed`. */
function shuffleKeys(value: unknown, seed: number): unknown {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i > 0; i--) {
        const j = next() % (i + 1);
        [keys[i], keys[j]] = [keys[j]!, keys[i]!];
      }
      const out: Record<string, unknown> = {};
      for (const k of keys) Object.defineProperty(out, k, { value: walk((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return v;
  };
  return walk(value);
}

describe('canonicalJson', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x y' } })).toBe('{"a":{"c":"x y","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson('s')).toBe('"s"');
    expect(canonicalJson(null)).toBe('null');
  });

  it('sorts by UTF-16 code units (RFC 8785), including non-ASCII keys', () => {
    expect(canonicalJson({ 企业: 1, Z: 2, a: 3, '10': 4, '9': 5, é: 6 })).toBe('{"10":4,"9":5,"Z":2,"a":3,"é":6,"企业":1}');
  });

  it('follows JSON semantics for dates, undefined, non-finite numbers, -0, bigint and toJSON', () => {
    const d = new Date('2025-03-01T08:00:00+08:00');
    expect(canonicalJson({ at: d })).toBe('{"at":"2025-03-01T00:00:00.000Z"}');
    expect(canonicalJson({ a: undefined, b: 1, f: () => 1, s: Symbol('x') })).toBe('{"b":1}');
    expect(canonicalJson([undefined, () => 1, 1])).toBe('[null,null,1]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([NaN, Infinity, -0, 1.5e21])).toBe('[null,null,0,1.5e+21]');
    expect(canonicalJson({ n: 12345678901234567890n })).toBe('{"n":"12345678901234567890"}');
    expect(canonicalJson({ x: { toJSON: () => ({ b: 2, a: 1 }) } })).toBe('{"x":{"a":1,"b":2}}');
    expect(canonicalJson({ s: 'line\n"quote"\u2028' })).toBe(JSON.stringify({ s: 'line\n"quote"\u2028' }));
  });

  it('throws on cycles but accepts shared (acyclic) references', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(TypeError);
    const shared = { v: 1 };
    expect(canonicalJson({ p: shared, q: [shared, shared] })).toBe('{"p":{"v":1},"q":[{"v":1},{"v":1}]}');
  });

  it('property: stable under any permutation of object keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('property: is valid JSON, equals the value, and survives a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const c = canonicalJson(value);
        expect(JSON.parse(c)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(c))).toBe(c);
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(c);
      }),
      { numRuns: 300 },
    );
  });

  it('property: different JSON values give different strings (injective)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const same = canonicalJson(a) === canonicalJson(b);
        expect(same).toBe(JSON.stringify(JSON.parse(canonicalJson(a))) === JSON.stringify(JSON.parse(canonicalJson(b))));
      }),
    );
  });
});

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/**
 * Plausible and hostile values for a zod schema, for the route fuzz suite (server/src/app/route-fuzz.test.ts).
 * The plausible value need not be valid: it only has to look enough like a real request to carry each
 * hostile value past the first checks, one field at a time.
 */

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  defaultValue?: unknown;
  checks?: { _zod: { def: { check: string; format?: string; pattern?: RegExp; value?: unknown; minimum?: number } } }[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strings matching the regular expressions the contracts use, tried in order. */
const PATTERN_SAMPLES = ['2024-06', '2024-06-30', '91310116MA1FL0A000', 'A1', 'abc', '1', 'kewei', 'revenue', '2024'];

export function sample(schema: z.ZodType, key = ''): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(def.shape ?? {})) {
        const inner = defOf(v).type;
        if (inner === 'optional' && Math.abs(hash(k)) % 2 === 0) continue;
        out[k] = sample(v, k);
      }
      return out;
    }
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'prefault':
      return sample(def.innerType!, key);
    case 'default':
      return def.defaultValue ?? sample(def.innerType!, key);
    case 'pipe':
      return defOf(def.in!).type === 'transform' ? sample(def.out!, key) : sample(def.in!, key);
    case 'lazy':
      return null;
    case 'array':
      return [sample(def.element!, key)];
    case 'union':
      return sample(def.options![0]!, key);
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'boolean':
      return true;
    case 'number':
    case 'int':
      return numberSample(def);
    case 'bigint':
      return 1;
    case 'date':
      return '2024-06-30';
    case 'null':
      return null;
    case 'record':
      return {};
    case 'string':
      return stringSample(schema, def, key);
    default:
      return 'x';
  }
}

function numberSample(def: Def): number {
  const min = def.checks?.find((c) => c._zod.def.check === 'greater_than')?._zod.def.value;
  return typeof min === 'number' ? min + 1 : 1;
}

function stringSample(schema: z.ZodType, def: Def, key: string): string {
  const format = def.checks?.map((c) => c._zod.def).find((c) => c.check === 'string_format');
  if (format?.format === 'uuid' || format?.format === 'guid') return randomUUID();
  if (format?.format === 'email') return 'a@example.com';
  if (/uscc/i.test(key)) return '91310116MA1FL0A000';
  for (const candidate of PATTERN_SAMPLES) if ((schema as z.ZodType).safeParse(candidate).success) return candidate;
  return 'abc';
}

/** Paths of an object schema's fields (nested objects included, arrays as their first element). */
export function fieldPaths(schema: z.ZodType | undefined, prefix: (string | number)[] = []): (string | number)[][] {
  if (!schema) return [];
  const def = defOf(schema);
  if (['optional', 'nullable', 'default', 'readonly', 'catch', 'nonoptional', 'prefault'].includes(def.type)) return fieldPaths(def.innerType, prefix);
  if (def.type === 'pipe') return fieldPaths(defOf(def.in!).type === 'transform' ? def.out : def.in, prefix);
  if (def.type === 'object') return Object.entries(def.shape ?? {}).flatMap(([k, v]) => [[...prefix, k], ...fieldPaths(v, [...prefix, k])]);
  if (def.type === 'array') return fieldPaths(def.element, [...prefix, 0]);
  return [];
}

/** A copy of `value` with `path` set to `replacement` (intermediate objects created as needed). */
export function withValueAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const base = (Array.isArray(value) ? [...value] : value && typeof value === 'object' ? { ...(value as object) } : typeof head === 'number' ? [] : {}) as Record<string | number, unknown>;
  base[head!] = withValueAt(base[head!], rest, replacement);
  return base;
}

/** Values an attacker or a careless client sends: control characters, lone surrogates, huge and wrong-typed values. */
export const HOSTILE_VALUES: readonly unknown[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  'x'.repeat(10_000),
  '0000-01',
  '9999-12',
  '2024-13',
  '2024-02-30',
  '-1',
  '1e400',
  'NaN',
  "' OR 1=1 --",
  '../../etc/passwd',
  '\u202e\u0007\u001b[31m',
  1e308,
  -1e308,
  9_007_199_254_740_993,
  -1,
  0.5,
  true,
  null,
  [],
  {},
  [['nested']],
  { $gt: '' },
];

/** Hostile strings for path and query parameters, already percent-encoded (lone surrogates cannot be encoded by the URL API). */
export const HOSTILE_URL_VALUES: readonly string[] = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF%FE',
  'x'.repeat(5_000),
  '0000-01',
  '9999-99',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '1e400',
  '-1',
  '%27%20OR%201%3D1--',
  '..%2F..%2Fetc%2Fpasswd',
  '%E2%80%AE%07',
];

export function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/** Encodes a JSON-ish value as a query-string value (objects and arrays as JSON text). */
export function queryValue(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return encodeURIComponent(value);
    } catch {
      return '%ED%A0%80';
    }
  }
  return encodeURIComponent(JSON.stringify(value) ?? '');
}

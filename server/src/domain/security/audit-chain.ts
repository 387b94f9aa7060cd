/**
 * Tamper-evident audit log: a hash chain over canonical JSON (see docs/decisions/0004-audit-chain.md).
 *
 * Every record's hash is SHA-256 over the canonical JSON of all its fields, including `prevHash`, the hash of
 * the record before it (64 zeros for the first record). Changing, removing or reordering any stored record
 * therefore breaks the chain at exactly that record, and `verifyAuditChain` names it.
 *
 * Writers must assign `seq` gap-free (1, 2, 3, ...) under the same lock that reads the previous head; a
 * database sequence is not enough because rolled-back transactions leave holes in it.
 */
import { createHash } from 'node:crypto';

export const GENESIS_PREV_HASH = '0'.repeat(64);

export type AuditOutcome = 'success' | 'failure' | 'denied';

export type AuditRecordForHash = {
  seq: number;
  /** ISO 8601 instant. Hashed in `Date.prototype.toISOString()` form (UTC, milliseconds). */
  at: string;
  actorUserId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: AuditOutcome;
  before: unknown;
  after: unknown;
  details: unknown;
  prevHash: string;
  /** Stored with the record; covered by the keyed MAC only (the legacy SHA-256 format predates it). */
  requestId?: string | null;
};

export type SealedAuditRecord = AuditRecordForHash & { hash: string };

/** `not-keyed`: the newest record carries a plain hash although the chain must end in keyed records. */
export type AuditChainBreakReason = 'hash-mismatch' | 'prev-hash-mismatch' | 'sequence-gap' | 'not-keyed';

export type AuditChainResult =
  | { ok: true; checked: number; head: { seq: number; hash: string } | null }
  | {
      ok: false;
      /** Records verified intact before the broken one; the broken record is the (checked + 1)-th pushed. */
      checked: number;
      firstBroken: { seq: number; at: string | null; reason: AuditChainBreakReason };
    };

/**
 * Deterministic JSON: object keys sorted (by UTF-16 code units, as RFC 8785), no whitespace, nested values
 * handled recursively. It follows `JSON.stringify` for everything else, so a value hashes the same before it is
 * written to a JSON/JSONB column and after it is read back: `toJSON()` is honoured (Dates become ISO strings),
 * `undefined`, functions and symbols are dropped from objects and become `null` in arrays, non-finite numbers
 * become `null`, `-0` becomes `0`. BigInts are written as decimal strings (what a JSON column would hold).
 * Throws a TypeError on cycles.
 */
export function canonicalJson(value: unknown): string {
  const out = serialize(value, new Set<object>(), '');
  return out === undefined ? 'null' : out;
}

function serialize(value: unknown, ancestors: Set<object>, key: string): string | undefined {
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = (toJSON as (k: string) => unknown).call(value, key);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (ancestors.has(obj)) throw new TypeError('canonicalJson: cyclic structure');
  ancestors.add(obj);
  try {
    if (Array.isArray(obj)) {
      const parts = obj.map((item, i) => serialize(item, ancestors, String(i)) ?? 'null');
      return `[${parts.join(',')}]`;
    }
    if (obj instanceof Number || obj instanceof String || obj instanceof Boolean) {
      return serialize(obj.valueOf(), ancestors, key);
    }
    const parts: string[] = [];
    for (const k of Object.keys(obj).sort()) {
      const v = serialize((obj as Record<string, unknown>)[k], ancestors, k);
      if (v !== undefined) parts.push(`${JSON.stringify(k)}:${v}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    ancestors.delete(obj);
  }
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * `toISOString()` form of an instant given as a Date or as an ISO 8601 / PostgreSQL text timestamp with an
 * explicit zone ("2024-01-01T08:00:00+08:00", "2024-01-01 00:00:00.123+00"). Strings without a zone are left
 * unchanged (their meaning would depend on the server's time zone), as is anything unparseable.
 */
function canonicalInstant(at: unknown): unknown {
  if (at instanceof Date) return Number.isNaN(at.getTime()) ? null : at.toISOString();
  if (typeof at === 'string') {
    const m = ISO_INSTANT.exec(at.trim());
    if (!m) return at;
    let zone = m[3]!.toUpperCase();
    if (zone !== 'Z') zone = zone.length === 3 ? `${zone}:00` : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const ms = Date.parse(`${m[1]}T${m[2]}${zone}`);
    return Number.isNaN(ms) ? at : new Date(ms).toISOString();
  }
  return at ?? null;
}

/**
 * Exactly the hashed fields, in canonical form. Anything else on the record (its own `hash`, a database id)
 * is ignored; `undefined` is treated as `null` so that the hash survives a round trip through nullable columns;
 * `at` is normalised to `toISOString()` form so a timestamptz read back as a Date (or with a different offset)
 * hashes the same.
 */
export function auditHashInput(record: AuditRecordForHash): Record<string, unknown> {
  return {
    seq: record.seq,
    at: canonicalInstant(record.at),
    actorUserId: record.actorUserId ?? null,
    actorUsername: record.actorUsername ?? null,
    actorRole: record.actorRole ?? null,
    ip: record.ip ?? null,
    action: record.action,
    objectType: record.objectType ?? null,
    objectId: record.objectId ?? null,
    outcome: record.outcome,
    before: record.before ?? null,
    after: record.after ?? null,
    details: record.details ?? null,
    prevHash: record.prevHash,
  };
}

/** sha256hex(canonicalJson(record fields including prevHash)). */
export function computeAuditHash(record: AuditRecordForHash): string {
  return createHash('sha256').update(canonicalJson(auditHashInput(record)), 'utf8').digest('hex');
}

/**
 * The keyed chain (docs/decisions/0014-commercial-cryptography.md). A record's `hash` is a MAC, HMAC-SM3 or
 * HMAC-SHA-256 with a key kept outside the database, over the canonical JSON of every stored column of the
 * record (the legacy fields above plus `requestId`) and the name of the scheme. Someone who can write the
 * database but does not hold the key cannot compute it, so a rewritten record or tail no longer verifies.
 */
export type KeyedAuditRecord = AuditRecordForHash & { requestId: string | null };

export interface AuditMac {
  /** 'hmac-sm3' or 'hmac-sha256'; part of the MAC input, so a MAC of one scheme never passes for another. */
  scheme: string;
  /** Hex MAC of a string under the installation's audit key. */
  mac(data: string): string;
}

export function keyedAuditHashInput(record: KeyedAuditRecord, scheme: string): Record<string, unknown> {
  return { ...auditHashInput(record), requestId: record.requestId ?? null, chain: scheme };
}

export function computeKeyedAuditHash(record: KeyedAuditRecord, mac: AuditMac): string {
  return mac.mac(canonicalJson(keyedAuditHashInput(record, mac.scheme)));
}

/**
 * Builds the next record of the chain: assigns `seq` (head.seq + 1, or 1 for the first record), `prevHash`
 * (head.hash, or 64 zeros) and `hash`. The caller must hold the chain lock between reading `head` and inserting.
 */
export function sealAuditRecord(
  fields: Omit<AuditRecordForHash, 'seq' | 'prevHash'>,
  head: { seq: number; hash: string } | null,
): SealedAuditRecord {
  const record: AuditRecordForHash = {
    ...fields,
    seq: head ? head.seq + 1 : 1,
    prevHash: head ? head.hash : GENESIS_PREV_HASH,
  };
  return { ...record, hash: computeAuditHash(record) };
}

export interface AuditChainVerifier {
  /** Checks the next record in `seq` order. Returns false once the chain is broken (later pushes are ignored). */
  push(record: SealedAuditRecord): boolean;
  result(): AuditChainResult;
  /** Records accepted with a plain SHA-256 hash (written before the chain was keyed). */
  legacyCount(): number;
}

export interface KeyedVerification {
  /** The installation's MAC. Records verify against it; plain SHA-256 records are accepted only before the first keyed one. */
  mac: AuditMac | null;
  /** The newest record must be keyed (an installation whose chain is keyed: a plain tail means it was rewritten). */
  requireKeyedHead: boolean;
}

/**
 * A stateful verifier for checking the chain page by page (e.g. 1 000 rows at a time, ordered by seq).
 * By default it expects the chain to start at seq 1 with the genesis prevHash; pass `start` (a previously
 * verified or externally anchored head) to continue from there.
 */
export function createAuditChainVerifier(start?: { seq: number; hash: string }, keyed?: KeyedVerification): AuditChainVerifier {
  let sawKeyed = false;
  let lastKeyed = false;
  let legacy = 0;
  let last: SealedAuditRecord | null = null;
  let expectedSeq = start ? start.seq + 1 : 1;
  let expectedPrev = start ? start.hash : GENESIS_PREV_HASH;
  let head: { seq: number; hash: string } | null = start ? { seq: start.seq, hash: start.hash } : null;
  let checked = 0;
  let broken: { seq: number; at: string | null; reason: AuditChainBreakReason } | null = null;

  const fail = (record: SealedAuditRecord, reason: AuditChainBreakReason) => {
    const at = canonicalInstant(record.at);
    broken = { seq: record.seq, at: typeof at === 'string' ? at : null, reason };
    return false;
  };

  return {
    push(record) {
      if (broken) return false;
      if (record.seq !== expectedSeq) return fail(record, 'sequence-gap');
      if (record.prevHash !== expectedPrev) return fail(record, 'prev-hash-mismatch');
      try {
        if (keyed?.mac && computeKeyedAuditHash({ ...record, requestId: record.requestId ?? null }, keyed.mac) === record.hash) {
          sawKeyed = lastKeyed = true;
        } else if (!sawKeyed && computeAuditHash(record) === record.hash) {
          // A plain hash is only believable before the first keyed record: after it, anyone could write one.
          lastKeyed = false;
          legacy++;
        } else {
          return fail(record, 'hash-mismatch');
        }
      } catch {
        return fail(record, 'hash-mismatch'); // e.g. a cyclic value: cannot be what was hashed at write time
      }
      last = record;
      checked++;
      expectedSeq = record.seq + 1;
      expectedPrev = record.hash;
      head = { seq: record.seq, hash: record.hash };
      return true;
    },
    result() {
      if (!broken && keyed?.requireKeyedHead && last && !lastKeyed) {
        // Every record verified as plain SHA-256 up to the newest: a keyed chain rewritten without the key.
        const at = canonicalInstant(last.at);
        return { ok: false, checked: checked - 1, firstBroken: { seq: last.seq, at: typeof at === 'string' ? at : null, reason: 'not-keyed' } };
      }
      return broken ? { ok: false, checked, firstBroken: { ...broken } } : { ok: true, checked, head: head ? { ...head } : null };
    },
    legacyCount: () => legacy,
  };
}

/** Verifies a whole chain given in seq order. See `createAuditChainVerifier` for paging and `start`. */
export function verifyAuditChain(
  records: Iterable<SealedAuditRecord>,
  start?: { seq: number; hash: string },
): AuditChainResult {
  const verifier = createAuditChainVerifier(start);
  for (const record of records) if (!verifier.push(record)) break;
  return verifier.result();
}

/** As `verifyAuditChain`, for async sources such as a database cursor. */
export async function verifyAuditChainAsync(
  records: AsyncIterable<SealedAuditRecord> | Iterable<SealedAuditRecord>,
  start?: { seq: number; hash: string },
): Promise<AuditChainResult> {
  const verifier = createAuditChainVerifier(start);
  for await (const record of records) if (!verifier.push(record)) break;
  return verifier.result();
}

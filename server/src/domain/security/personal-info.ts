import { deriveKey, hmacHex, type CryptoSuite } from './crypto-suite.ts';

/**
 * Personal information in registry fields (contact names, mobile numbers, e-mail addresses): the pure parts
 * of field encryption (docs/security/cryptography.md). A field is stored sealed (`sealValue` with the
 * `fields` key, the row id as associated data) beside a blind index — a keyed HMAC of the normalised value —
 * so that an exact-match search compares indexes and never needs the clear value in the database. Display and
 * exports show the masked form unless the role may see the value.
 */

export type PersonalField = 'name' | 'mobile' | 'email';

/** The form two spellings of the same value share (what the blind index is computed over). */
export function normalizePersonal(field: PersonalField, value: string): string {
  const v = value.normalize('NFKC').trim();
  switch (field) {
    case 'mobile': {
      const digits = v.replace(/[\s\-()（）]/g, '').replace(/^(\+?86|0086)(?=1\d{10}$)/, '');
      return digits;
    }
    case 'email':
      return v.toLowerCase();
    case 'name':
      return v.replace(/\s+/g, ' ');
  }
}

/**
 * Keyed blind index: HMAC under a key derived per field from the `fields` key, over the normalised value;
 * 128 bits in hex. Equal values give equal indexes (exact-match search), and without the key the index
 * tells nothing (a mobile number's 10^8 possibilities cannot be tried offline).
 */
export function blindIndex(suite: CryptoSuite, fieldsKey: Buffer, field: PersonalField, value: string): string {
  const key = deriveKey(suite, fieldsKey, `blind-index:${field}`);
  return hmacHex(suite, key, normalizePersonal(field, value)).slice(0, 32);
}

/** The masked form shown by default: 138****5678, z***@example.cn, 张*, 欧阳**, W*** . */
export function maskPersonal(field: PersonalField, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return value ?? null;
  const v = value.trim();
  switch (field) {
    case 'mobile': {
      const n = normalizePersonal('mobile', v);
      if (/^1\d{10}$/.test(n)) return `${n.slice(0, 3)}****${n.slice(7)}`;
      // Fixed lines and anything else: only the last four digits stay.
      return n.length > 4 ? `${'*'.repeat(Math.min(n.length - 4, 8))}${n.slice(-4)}` : '****';
    }
    case 'email': {
      const at = v.lastIndexOf('@');
      if (at <= 0) return '***';
      return `${v[0]}***${v.slice(at)}`;
    }
    case 'name': {
      const chars = [...v];
      if (chars.length === 1) return '*';
      // Chinese names keep the surname (one character, two for a compound surname of four-character names).
      if (/^\p{Script=Han}+$/u.test(v)) {
        const keep = chars.length >= 4 ? 2 : 1;
        return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
      }
      return `${chars[0]}***`;
    }
  }
}

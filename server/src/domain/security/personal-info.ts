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

/**
 * What a form or an edited export sends back for a personal field: the masked form it was shown, or a value
 * typed by the user. A value that equals the masked form of a stored value stands for that stored value (the
 * user did not change it), so writing it back never replaces 13812345678 with 138****5678. The candidates
 * are tried in order (the same position first); anything else is a new value and is kept as typed.
 */
export function restoreMasked(field: PersonalField, incoming: string | null | undefined, candidates: readonly (string | null | undefined)[]): string | null | undefined {
  if (typeof incoming !== 'string' || !incoming.includes('*')) return incoming;
  const match = candidates.find((c) => typeof c === 'string' && c !== '' && maskPersonal(field, c) === incoming.trim());
  return match ?? incoming;
}

interface ContactLike {
  name: string;
  phone?: string | null;
  email?: string | null;
}

/** `restoreMasked` over a contact list: each masked name, mobile and e-mail takes the stored value it masks. */
export function restoreMaskedContacts<T extends ContactLike>(incoming: readonly T[], stored: readonly ContactLike[]): T[] {
  return incoming.map((c, i) => {
    const order = [stored[i], ...stored.filter((_, j) => j !== i)].filter((s): s is ContactLike => !!s);
    return {
      ...c,
      name: restoreMasked('name', c.name, order.map((s) => s.name)) ?? c.name,
      phone: restoreMasked('mobile', c.phone, order.map((s) => s.phone)),
      email: restoreMasked('email', c.email, order.map((s) => s.email)),
    };
  });
}

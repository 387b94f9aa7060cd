import { MASKED_EMAIL, MASKED_PHONE } from '../../../../contracts/registry-common.ts';
import { AppError, errors } from '../../app/errors.ts';
import { keyIdOf, openValue, sealedInfo, sealValue, type CryptoSuite } from '../../domain/security/crypto-suite.ts';
import { blindIndex, maskPersonal, restoreMasked, type PersonalField } from '../../domain/security/personal-info.ts';
import { activeSuite } from './crypto-settings.repository.ts';
import { keyProvider, type KeyProvider } from './keyring.ts';

/**
 * The one place where personal information in registry records is sealed, opened and masked
 * (docs/security/cryptography.md, "Field encryption"). Every write path — a service's create/update and the
 * bulk import writers — goes through `sealContacts`, and every read path through `openContacts` followed by
 * `maskContacts` unless the role may see the clear values.
 *
 * A value is sealed with the `fields` key (field.key, outside the database) and bound to its row and field
 * by the associated data `<rowId>:<field>`, so a sealed phone copied onto another record, or into the name
 * slot of the same record, does not open. Beside it the blind index (a keyed HMAC of the normalised value)
 * lets an exact-match search compare indexes without the clear value.
 *
 * Values stored before field encryption (clear text) are read as they are, so records written by an older
 * version keep working until they are re-written.
 */

export interface ClearContact {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** A contact as stored: personal values sealed, each with its blind index; the job title stays readable. */
export interface StoredContact {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  nameBidx?: string | null;
  phoneBidx?: string | null;
  emailBidx?: string | null;
}

const CONTACT_FIELDS: readonly { key: 'name' | 'phone' | 'email'; field: PersonalField }[] = [
  { key: 'name', field: 'name' },
  { key: 'phone', field: 'mobile' },
  { key: 'email', field: 'email' },
];

/** True when the stored value is sealed (as opposed to clear text written before field encryption). */
export function isSealedValue(stored: string | null | undefined): boolean {
  return typeof stored === 'string' && sealedInfo(stored).scheme !== 'plain';
}

export interface PersonalFieldBox {
  seal(rowId: string, field: PersonalField, value: string): string;
  open(rowId: string, field: PersonalField, stored: string): string;
  /** Blind index of a value under the current `fields` key (what a search compares). */
  blindIndex(field: PersonalField, value: string): string;
  sealContacts(rowId: string, contacts: readonly ClearContact[]): StoredContact[];
  openContacts(rowId: string, stored: readonly StoredContact[]): ClearContact[];
}

const aadOf = (rowId: string, field: PersonalField) => `${rowId}:${field}`;

export function personalFieldBox(keys: KeyProvider = keyProvider(), suite: () => CryptoSuite = activeSuite): PersonalFieldBox {
  const current = () => keys.current('fields', { create: true });
  const byId = (kid: string) => keys.all('fields').find((k) => keyIdOf(k) === kid) ?? null;
  const box: PersonalFieldBox = {
    seal: (rowId, field, value) => sealValue(suite(), current(), value, aadOf(rowId, field)),
    open: (rowId, field, stored) => openValue(stored, byId, keys.all('fields'), aadOf(rowId, field)),
    blindIndex: (field, value) => blindIndex(suite(), current(), field, value),
    sealContacts(rowId, contacts) {
      return contacts.map((c) => {
        const out: StoredContact = { name: c.name, title: c.title ?? null, phone: c.phone ?? null, email: c.email ?? null };
        for (const { key, field } of CONTACT_FIELDS) {
          const value = c[key];
          if (value === null || value === undefined || value === '') {
            out[`${key}Bidx`] = null;
            continue;
          }
          // Always sealed, even text that looks sealed: writers pass clear values only, and a pasted ciphertext
          // must read back as the text that was typed, never open as another record's value.
          out[key] = box.seal(rowId, field, value);
          out[`${key}Bidx`] = box.blindIndex(field, value);
        }
        return out;
      });
    },
    openContacts(rowId, stored) {
      return stored.map((c) => ({
        name: c.name ? box.open(rowId, 'name', c.name) : c.name,
        title: c.title ?? null,
        phone: c.phone ? box.open(rowId, 'mobile', c.phone) : null,
        email: c.email ? box.open(rowId, 'email', c.email) : null,
      }));
    },
  };
  return box;
}

/** The masked form shown by default: 张*, 138****5678, z***@example.cn (the job title is not personal). */
export function maskContacts(contacts: readonly ClearContact[]): ClearContact[] {
  return contacts.map((c) => ({
    name: maskPersonal('name', c.name) ?? '',
    title: c.title ?? null,
    phone: maskPersonal('mobile', c.phone ?? null),
    email: maskPersonal('email', c.email ?? null),
  }));
}

/**
 * After `restoreMasked`: a phone or e-mail still in masked form stands for no stored value (a new record, or
 * a mask of a value changed meanwhile). It is refused, naming the field, rather than stored as 138****5678.
 */
export function refuseUnknownMasks(entries: readonly { path: string; field: 'mobile' | 'email'; value: string | null | undefined }[]): void {
  const problems = entries
    .filter((e) => typeof e.value === 'string' && (e.field === 'mobile' ? MASKED_PHONE : MASKED_EMAIL).test(e.value.trim()))
    .map((e) => ({
      path: e.path,
      rule: 'masked',
      message: '这是打码后的显示值，请填写完整的号码或邮箱（或先点“显示”）',
      messageEn: 'This is the masked display form; enter the full number or address (or press “Show” first)',
    }));
  if (problems.length) throw errors.validation(problems);
}

/**
 * Personal values kept in plain columns of a registry row (a department's or a platform's contact, an
 * expert's phone and e-mail): property name → the personal field it holds. Each value is sealed on its own,
 * bound to `<rowId>:<field>` as the contacts are, and listed in SEALED_COLUMNS for migrate and rotate.
 */
export type PersonalColumns = Readonly<Record<string, PersonalField>>;

/** The values to store: every non-empty personal value of `values` sealed for the row `rowId`. */
export function sealPersonalColumns<T extends Record<string, unknown>>(rowId: string, values: T, columns: PersonalColumns, box: PersonalFieldBox = personalFieldBox()): T {
  const out: Record<string, unknown> = { ...values };
  for (const [key, field] of Object.entries(columns)) {
    const value = values[key];
    if (typeof value === 'string' && value !== '') out[key] = box.seal(rowId, field, value);
  }
  return out as T;
}

/** The row with its personal values opened (values stored in the clear by an older version read as they are). */
export function openPersonalColumns<T extends { id: string }>(row: T, columns: PersonalColumns, box: PersonalFieldBox = personalFieldBox()): T {
  const out: Record<string, unknown> = { ...row };
  for (const [key, field] of Object.entries(columns)) {
    const value = out[key];
    if (typeof value === 'string' && value !== '') out[key] = box.open(row.id, field, value);
  }
  return out as T;
}

/** The masked form of each personal value of an opened row (what every answer shows by default). */
export function maskPersonalColumns<T extends Record<string, unknown>>(values: T, columns: PersonalColumns): T {
  const out: Record<string, unknown> = { ...values };
  for (const [key, field] of Object.entries(columns)) {
    const value = out[key];
    if (typeof value === 'string') out[key] = maskPersonal(field, value);
  }
  return out as T;
}

/**
 * What to store from an update's clear values: a value equal to the masked form of the stored one keeps the
 * stored one (the edit form sends back what it was shown); a mask standing for nothing stored is refused.
 */
export function restorePersonalColumns<T extends Record<string, unknown>>(incoming: T, storedClear: Record<string, unknown> | null, columns: PersonalColumns): T {
  const out: Record<string, unknown> = { ...incoming };
  for (const [key, field] of Object.entries(columns)) {
    const stored = storedClear?.[key];
    out[key] = restoreMasked(field, out[key] as string | null | undefined, [typeof stored === 'string' ? stored : null]);
  }
  refuseUnknownMasks(
    Object.entries(columns)
      .filter(([, field]) => field !== 'name')
      .map(([key, field]) => ({ path: `body.${key}`, field: field as 'mobile' | 'email', value: out[key] as string | null | undefined })),
  );
  return out as T;
}

/** `restorePersonalColumns` answering its refusal instead of throwing it (the import's row-by-row outcomes). */
export function restoredPersonal<T extends Record<string, unknown>>(incoming: T, storedClear: Record<string, unknown> | null, columns: PersonalColumns): T | AppError {
  try {
    return restorePersonalColumns(incoming, storedClear, columns);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

import { normalizePersonal, restoreMaskedContacts } from '../../domain/security/personal-info.ts';
import { personalFieldBox, type ClearContact, type PersonalFieldBox, type StoredContact, refuseUnknownMasks } from '../crypto/index.ts';
import type { EnterpriseRow } from './enterprise.repository.ts';

/**
 * An enterprise's contacts as stored: each contact's name, mobile number and e-mail sealed with the `fields`
 * key and bound to the enterprise's id (docs/security/cryptography.md). The single contact columns
 * (contact_name, contact_phone) repeat the first contact, sealed the same way. Every writer of these columns
 * — create, update, import, merge, demo seed — goes through `sealedContactColumns`.
 */
export function sealedContactColumns(id: string, contacts: readonly ClearContact[], box: PersonalFieldBox = personalFieldBox()) {
  const stored = box.sealContacts(id, contacts);
  return {
    contacts: stored as { name: string; title?: string | null; phone?: string | null; email?: string | null }[],
    contactName: stored[0]?.name ?? null,
    contactPhone: stored[0]?.phone ?? null,
  };
}

/**
 * The clear contacts of a row (opened with the `fields` key), falling back to the single contact columns of
 * records written before the contacts list. Values stored in the clear by an older version read as they are.
 */
export function openContactsOf(row: Pick<EnterpriseRow, 'id' | 'contacts' | 'contactName' | 'contactPhone'>, box: PersonalFieldBox = personalFieldBox()): ClearContact[] {
  const stored: StoredContact[] = row.contacts?.length
    ? row.contacts
    : row.contactName
      ? [{ name: row.contactName, title: null, phone: row.contactPhone, email: null }]
      : [];
  return box.openContacts(row.id, stored);
}

/**
 * Exact-match search on a contact's mobile number or e-mail: when the search text is one, the stored blind
 * index it must equal (the clear value is never compared, nor sent to the database). Null otherwise.
 */
export function contactSearchOf(q: string, box: PersonalFieldBox = personalFieldBox()): Partial<Pick<StoredContact, 'phoneBidx' | 'emailBidx'>> | null {
  const text = q.trim();
  if (/^1\d{10}$/.test(normalizePersonal('mobile', text))) return { phoneBidx: box.blindIndex('mobile', text) };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return { emailBidx: box.blindIndex('email', text) };
  return null;
}

/**
 * The contacts to store from what a form or an import sent: a masked value (what the profile showed) keeps the
 * stored value it masks; a mask that stands for nothing stored is refused (personal-fields.ts).
 */
export function contactsToStore(incoming: readonly ClearContact[], storedClear: readonly ClearContact[]): ClearContact[] {
  const contacts = restoreMaskedContacts(incoming, storedClear);
  refuseUnknownMasks(
    contacts.flatMap((c, i) => [
      { path: `body.contacts.${i}.phone`, field: 'mobile' as const, value: c.phone },
      { path: `body.contacts.${i}.email`, field: 'email' as const, value: c.email },
    ]),
  );
  return contacts;
}

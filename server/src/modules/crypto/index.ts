/** What other features may use of `crypto`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature } from '../../app/feature.ts';
import { registerCryptoRoutes } from './crypto.routes.ts';
export { auditMacForAppend, auditMacOf, lockAuditChain } from './audit-key.ts';
export { activeSuite, readCryptoSettings } from './crypto-settings.repository.ts';
export { KeyMissingError, keyFilesOf, keyProvider, keyProviderFor, type KeyProvider } from './keyring.ts';
export { maskContacts, personalFieldBox, type ClearContact, type PersonalFieldBox, type StoredContact } from './personal-fields.ts';
export { restoredPersonal, sealPersonalColumns } from './personal-fields.ts';
export { maskPersonalColumns } from './personal-fields.ts';
export { openPersonalColumns, restorePersonalColumns } from './personal-fields.ts';
export type { PersonalColumns } from './personal-fields.ts';
export { refuseUnknownMasks } from './personal-fields.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const cryptoFeature = defineFeature({
  name: 'crypto',
  routes: registerCryptoRoutes,
  auditActions: auditActionsNamed('crypto'),
});

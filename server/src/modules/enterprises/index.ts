/**
 * What other features may use of the enterprises registry: its scope, credit-code lookups within a scope,
 * and the clear contacts of a stored row (they are stored sealed; see enterprise-contacts.ts).
 */
export { enterpriseScope } from './enterprise.policy.ts';
export { enterpriseIdsByUsccInScope } from './enterprise.repository.ts';
export { contactsOf } from './enterprise.presenter.ts';

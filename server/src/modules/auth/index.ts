/** What other features may use of `auth`: they import it only through this file (app/module-boundaries.test.ts). */
export { endUserSessions, insertSession } from './session.repository.ts';
export { accountLockKeys, clearThrottle, lockedUntil } from './throttle.repository.ts';

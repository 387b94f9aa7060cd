/**
 * The server's view of the one permission declaration in contracts/permissions.ts (read by the web menu and
 * buttons too). Features add their permissions there, not here (docs/ARCHITECTURE.md, "Adding a feature").
 */
export { ADMINISTRATION_PERMISSIONS, PERMISSIONS, permissionsOfRole, roleHasPermission, type Access, type Permission } from '../../../contracts/permissions.ts';

-- Provider scope (issue 10, docs/decisions/0017-access-layer.md): a new role `platform` (平台运营方, an account
-- acting for one shared platform of the platforms registry) with scope kind `platform`, and the existing
-- `expert` role scoped to its record in the expert pool (scope kind `expert`). Existing expert accounts keep
-- a null scope until the security administrator links them: what an expert reads today (the shared
-- catalogues) does not depend on the link.

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('leader','commission','department','park','enterprise','expert','platform','sysadmin','secadmin','auditor'));
ALTER TABLE users DROP CONSTRAINT users_scope_kind_check;
ALTER TABLE users ADD CONSTRAINT users_scope_kind_check
  CHECK (scope_kind IN ('department','zone','enterprise','platform','expert'));

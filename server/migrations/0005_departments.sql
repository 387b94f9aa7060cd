-- Departments (责任单位, issue 4 §1): the reference rows seeded in 0001 become a registry the commission keeps.
-- Same record rules as the other registries (docs/decisions/0005): `version` for optimistic concurrency,
-- `deleted_at` for an undoable soft delete. The short name (区科委) is what the policy's "(责任单位:…)" lists use.
ALTER TABLE departments ADD COLUMN contact_name text;
ALTER TABLE departments ADD COLUMN contact_phone text;
ALTER TABLE departments ADD COLUMN sort_order integer NOT NULL DEFAULT 0;
ALTER TABLE departments ADD COLUMN note text;
ALTER TABLE departments ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE departments ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE departments ADD COLUMN deleted_at timestamptz;
CREATE INDEX departments_sort_idx ON departments (sort_order, code);

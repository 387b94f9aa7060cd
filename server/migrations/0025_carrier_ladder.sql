-- The carrier ladder 孵化器 → 加速器 → 产业园 (issue 13 §4, docs/decisions/0026-carrier-ladder.md).
-- A tenancy (carrier_occupants row) stays the one record of "this enterprise leased this much space in this
-- carrier from … to …"; move events are derived from an enterprise's tenancies, so the occupancy figures
-- and the ladder can never disagree. This migration adds what a move needs beyond the dates:
--  - lease_end_on: the end of the current lease contract (the lease-expiry warning reads it);
--  - exit_kind: where the tenant went when the tenancy ended (another carrier, own premises in the
--    district, out of the district, closed); NULL while present or when not recorded;
--  - overlap_reason: set only when a tenancy deliberately overlaps another of the same enterprise;
--  - note.

ALTER TABLE carrier_occupants ADD COLUMN lease_end_on date;
ALTER TABLE carrier_occupants ADD COLUMN exit_kind text CHECK (exit_kind IN ('moved-carrier', 'in-district', 'left-district', 'closed'));
ALTER TABLE carrier_occupants ADD COLUMN overlap_reason text;
ALTER TABLE carrier_occupants ADD COLUMN note text;
CREATE INDEX carrier_occupants_enterprise ON carrier_occupants (enterprise_id, move_in_on);
CREATE INDEX carrier_occupants_carrier ON carrier_occupants (carrier_id, move_in_on);

-- The lease-expiry warning's subject is a tenancy ('carrier-lease').
ALTER TABLE warning_rules DROP CONSTRAINT warning_rules_subject_kind_check;
ALTER TABLE warning_rules ADD CONSTRAINT warning_rules_subject_kind_check
  CHECK (subject_kind IN ('goal','zone','domain','chain-node','enterprise','project','report','supervision-item','enterprise-request','carrier-lease'));

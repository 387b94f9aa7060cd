-- Enterprise services, the rest of issue 14 §1/§4 (docs/decisions/0029-services-waitlist-gaps-applications.md):
-- waitlist offers held by the database, late cancellations and no-shows with per-platform rules, requests for
-- instrument types the district lacks (platform-gap items), instrument edits with a version, and the
-- 快申快享 application flow with its disbursement.

-- An offer to a waiting enterprise holds the freed slot as a booking in status 'offered': the same exclusion
-- constraint that forbids double booking then keeps anybody else from taking the slot while the offer runs.
ALTER TABLE instrument_bookings DROP CONSTRAINT instrument_bookings_no_overlap;
ALTER TABLE instrument_bookings DROP CONSTRAINT instrument_bookings_status_check;
ALTER TABLE instrument_bookings ADD CONSTRAINT instrument_bookings_status_check
  CHECK (status IN ('offered', 'requested', 'approved', 'declined', 'cancelled', 'completed', 'no-show', 'expired'));
ALTER TABLE instrument_bookings ADD CONSTRAINT instrument_bookings_no_overlap EXCLUDE USING gist (instrument_id WITH =, period WITH &&)
  WHERE (status IN ('offered', 'requested', 'approved'));
-- a cancellation closer to the start than the platform's limit
ALTER TABLE instrument_bookings ADD COLUMN late_cancel boolean NOT NULL DEFAULT false;
-- until when an offered slot is held for the waiting enterprise
ALTER TABLE instrument_bookings ADD COLUMN offer_expires_at timestamptz;
ALTER TABLE instruments ADD COLUMN version integer NOT NULL DEFAULT 1;

-- Cancellation and no-show rules per platform; a platform without a row uses the defaults below.
CREATE TABLE instrument_booking_rules (
  platform_id uuid PRIMARY KEY REFERENCES platforms (id),
  late_cancel_hours integer NOT NULL DEFAULT 24 CHECK (late_cancel_hours BETWEEN 0 AND 168),
  -- how many late cancellations weigh as one no-show (0: late cancellations do not count)
  late_cancels_per_no_show integer NOT NULL DEFAULT 2 CHECK (late_cancels_per_no_show BETWEEN 0 AND 10),
  no_show_limit integer NOT NULL DEFAULT 3 CHECK (no_show_limit BETWEEN 1 AND 20),
  window_days integer NOT NULL DEFAULT 90 CHECK (window_days BETWEEN 7 AND 365),
  suspension_days integer NOT NULL DEFAULT 30 CHECK (suspension_days BETWEEN 0 AND 365),
  offer_hours integer NOT NULL DEFAULT 4 CHECK (offer_hours BETWEEN 1 AND 72),
  charge_no_show boolean NOT NULL DEFAULT true,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE instrument_waitlist (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instrument_id uuid NOT NULL REFERENCES instruments (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  user_id uuid REFERENCES users (id),
  period tstzrange NOT NULL CHECK (NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period)),
  purpose text,
  status text NOT NULL CHECK (status IN ('waiting', 'offered', 'booked', 'expired', 'withdrawn')),
  booking_id uuid REFERENCES instrument_bookings (id),
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX instrument_waitlist_instrument_idx ON instrument_waitlist (instrument_id, status, created_at);

-- An enterprise asks for an instrument type the district does not offer: demand that becomes a platform-gap item.
CREATE TABLE instrument_demands (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  submitted_by uuid REFERENCES users (id),
  kind text NOT NULL,
  description text NOT NULL,
  hours_per_month integer CHECK (hours_per_month > 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'closed')),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE INDEX instrument_demands_kind_idx ON instrument_demands (kind, status);

-- 快申快享: an application with materials (attachments), a review, a decision and the disbursement.
CREATE TABLE service_policy_applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id uuid NOT NULL REFERENCES service_policies (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  submitted_by uuid REFERENCES users (id),
  statement text NOT NULL,
  amount_requested numeric(14, 2) CHECK (amount_requested >= 0),
  status text NOT NULL CHECK (status IN ('submitted', 'reviewed', 'approved', 'rejected', 'disbursed')),
  submitted_at timestamptz NOT NULL,
  reviewed_by uuid REFERENCES users (id),
  reviewed_at timestamptz,
  review_note text,
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_note text,
  amount_approved numeric(14, 2) CHECK (amount_approved >= 0),
  is_demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (policy_id, enterprise_id)
);

-- Disbursement of an award (免申即享 or an approved application), recorded once.
ALTER TABLE service_policy_awards ADD COLUMN application_id uuid REFERENCES service_policy_applications (id);
ALTER TABLE service_policy_awards ADD COLUMN disbursed_amount numeric(14, 2) CHECK (disbursed_amount >= 0);
ALTER TABLE service_policy_awards ADD COLUMN disbursed_at timestamptz;
ALTER TABLE service_policy_awards ADD COLUMN disbursed_by uuid REFERENCES users (id);

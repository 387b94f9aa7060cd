-- Shared instruments and booking, and policy matching (issue 14 §1 and §4,
-- docs/decisions/0023-enterprise-services.md).
--
-- No double booking is guaranteed by the database, not by a read-then-write check in the service: the
-- exclusion constraint below refuses a second live booking whose time range overlaps another on the same
-- instrument, whatever the interleaving of concurrent transactions. btree_gist supplies the equality operator
-- class for uuid inside a GiST index (the embedded engine loads the same extension).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE instruments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  platform_id uuid NOT NULL REFERENCES platforms (id),
  name text NOT NULL,
  kind text NOT NULL,
  location text,
  rules text,
  requires_training boolean NOT NULL DEFAULT true,
  -- 元 per hour for each user category
  price_in_district numeric(12, 2) NOT NULL CHECK (price_in_district >= 0),
  price_outside numeric(12, 2) NOT NULL CHECK (price_outside >= 0),
  price_academic numeric(12, 2) NOT NULL CHECK (price_academic >= 0),
  -- open hours, Shanghai local time
  opens_at time NOT NULL DEFAULT '08:00',
  closes_at time NOT NULL DEFAULT '20:00',
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (opens_at < closes_at)
);
CREATE INDEX instruments_platform_idx ON instruments (platform_id);

-- Training is per user: the person at the instrument, not the company, must have been trained.
CREATE TABLE instrument_trainings (
  instrument_id uuid NOT NULL REFERENCES instruments (id),
  user_id uuid NOT NULL REFERENCES users (id),
  trained_on date NOT NULL,
  expires_on date NOT NULL,
  PRIMARY KEY (instrument_id, user_id),
  CHECK (trained_on <= expires_on)
);

CREATE TABLE instrument_bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instrument_id uuid NOT NULL REFERENCES instruments (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  user_id uuid REFERENCES users (id),
  period tstzrange NOT NULL CHECK (NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period)),
  status text NOT NULL CHECK (status IN ('requested', 'approved', 'declined', 'cancelled', 'completed', 'no-show')),
  user_category text NOT NULL CHECK (user_category IN ('in-district', 'outside', 'academic')),
  -- the price is locked when the booking is made: a later price change does not alter it
  price_per_hour numeric(12, 2) NOT NULL,
  amount numeric(14, 2) NOT NULL,
  purpose text,
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_note text,
  cancelled_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT instrument_bookings_no_overlap EXCLUDE USING gist (instrument_id WITH =, period WITH &&)
    WHERE (status IN ('requested', 'approved'))
);
CREATE INDEX instrument_bookings_enterprise_idx ON instrument_bookings (enterprise_id, lower(period));

-- Policy registry: one row per support clause; eligibility is data (a list of conditions, docs/decisions/0023).
CREATE TABLE service_policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  title text NOT NULL,
  clause text,
  summary text,
  -- amount in 万元 (exact), null when the support is not a fixed sum
  amount numeric(14, 2),
  deadline date,
  materials text,
  conditions jsonb NOT NULL DEFAULT '[]'::jsonb,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE service_policy_awards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id uuid NOT NULL REFERENCES service_policies (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  amount numeric(14, 2),
  confirmed_by uuid REFERENCES users (id),
  confirmed_at timestamptz NOT NULL,
  UNIQUE (policy_id, enterprise_id)
);

-- Supply–demand matchmaking 区内资源协同 (issue 14 §2, docs/decisions/0027-supply-demand-matchmaking.md).
-- Enterprises post needs and offers; a match pairs one need with one offer and carries the reason it was
-- proposed; contacts are shared only once both sides agree; the outcome (contacted, deal, no deal) and the
-- deal amount are recorded. The chain map reads the local-supply ratio per node from these rows.
CREATE TABLE supply_demand_postings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  kind text NOT NULL CHECK (kind IN ('need', 'offer')),
  subject text NOT NULL CHECK (subject IN ('product', 'service')),
  node_id uuid REFERENCES chain_nodes (id),
  title text NOT NULL,
  description text NOT NULL,
  specification text,
  quantity text,
  period_from date,
  period_to date,
  CHECK (period_from IS NULL OR period_to IS NULL OR period_from <= period_to),
  valid_until date NOT NULL,
  -- a need's current source of supply as the enterprise declares it: inside the district, outside, or none yet
  -- (the local-supply ratio counts it beside the suppliers found here)
  current_source text CHECK (current_source IN ('local', 'outside', 'none')),
  -- sealed personal values (name, mobile), shown to the other side only after both agree
  contact_name text NOT NULL,
  contact_phone text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_reason text,
  created_by uuid REFERENCES users (id),
  is_demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supply_demand_postings_enterprise ON supply_demand_postings (enterprise_id);
CREATE INDEX supply_demand_postings_open ON supply_demand_postings (kind, status, valid_until);

CREATE TABLE supply_demand_matches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  need_id uuid NOT NULL REFERENCES supply_demand_postings (id),
  offer_id uuid NOT NULL REFERENCES supply_demand_postings (id),
  UNIQUE (need_id, offer_id),
  -- the score and the reason at the time of proposal: {relation, nodeScore, textScore, terms}
  score numeric(5, 4) NOT NULL CHECK (score >= 0 AND score <= 1),
  reason jsonb NOT NULL,
  need_consent text NOT NULL DEFAULT 'pending' CHECK (need_consent IN ('pending', 'agreed', 'declined')),
  need_consent_at timestamptz,
  offer_consent text NOT NULL DEFAULT 'pending' CHECK (offer_consent IN ('pending', 'agreed', 'declined')),
  offer_consent_at timestamptz,
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'agreed', 'declined', 'contacted', 'deal', 'no-deal')),
  -- contacts are shared exactly when both sides agreed; a declined or pending match never reaches these states
  CHECK (status NOT IN ('agreed', 'contacted', 'deal', 'no-deal') OR (need_consent = 'agreed' AND offer_consent = 'agreed')),
  -- deal amount in 万元, exact
  deal_amount numeric(14, 2) CHECK (deal_amount IS NULL OR deal_amount >= 0),
  CHECK (deal_amount IS NULL OR status = 'deal'),
  outcome_note text,
  outcome_at timestamptz,
  outcome_by uuid REFERENCES users (id),
  proposed_by uuid REFERENCES users (id),
  proposed_at timestamptz NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supply_demand_matches_offer ON supply_demand_matches (offer_id);

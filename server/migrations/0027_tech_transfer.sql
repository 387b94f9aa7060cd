-- Technology transfer 成果转化 (issue 14 §3, docs/decisions/0028-tech-transfer.md): listings of achievements,
-- introductions, challenges pushed to matching listings, expert evaluation on a weighted rubric, and deals
-- tracked to the enterprise and investment project they create.

CREATE TABLE tech_listings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('patent', 'technology', 'project')),
  title text NOT NULL,
  -- non-confidential summary only: the listing is read by every enterprise of the district
  summary text NOT NULL,
  -- the owner: a platform of the registry, or an institution named in text (a university, an institute);
  -- owner_enterprise_id is the district enterprise behind it when there is one (a platform's operator,
  -- a firm listing its own patent), which is what an expert's declared conflicts are checked against
  owner_platform_id uuid REFERENCES platforms (id),
  owner_name text NOT NULL,
  owner_enterprise_id uuid REFERENCES enterprises (id),
  domain_id uuid REFERENCES domains (id),
  node_id uuid REFERENCES chain_nodes (id),
  trl integer NOT NULL CHECK (trl BETWEEN 1 AND 9),
  partnerships text[] NOT NULL DEFAULT '{}',
  ip_status text NOT NULL CHECK (ip_status IN ('granted', 'pending', 'know-how', 'software', 'none')),
  keywords text[] NOT NULL DEFAULT '{}',
  -- shared with an enterprise only once its introduction is accepted
  contact_name text,
  contact_phone text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn', 'transferred')),
  is_demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tech_listings_platform_idx ON tech_listings (owner_platform_id);
CREATE INDEX tech_listings_node_idx ON tech_listings (node_id);

CREATE TABLE tech_introductions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  listing_id uuid NOT NULL REFERENCES tech_listings (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  requested_by uuid REFERENCES users (id),
  message text NOT NULL,
  contact_name text,
  contact_phone text,
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted', 'declined')),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_note text,
  is_demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- one live request per enterprise and listing
CREATE UNIQUE INDEX tech_introductions_open_idx ON tech_introductions (listing_id, enterprise_id) WHERE status <> 'declined';

CREATE TABLE tech_challenges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  title text NOT NULL,
  description text NOT NULL,
  domain_id uuid REFERENCES domains (id),
  node_id uuid REFERENCES chain_nodes (id),
  keywords text[] NOT NULL DEFAULT '{}',
  deadline date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- the listings a challenge was pushed to, with the rule's score and reasons (why this listing)
CREATE TABLE tech_challenge_matches (
  challenge_id uuid NOT NULL REFERENCES tech_challenges (id),
  listing_id uuid NOT NULL REFERENCES tech_listings (id),
  score integer NOT NULL,
  reasons jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (challenge_id, listing_id)
);

CREATE TABLE tech_challenge_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  challenge_id uuid NOT NULL REFERENCES tech_challenges (id),
  listing_id uuid NOT NULL REFERENCES tech_listings (id),
  note text NOT NULL,
  responded_by uuid REFERENCES users (id),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (challenge_id, listing_id)
);

-- the rubric: criteria with weights (percent); scores keep the weight they were given under
CREATE TABLE tech_rubric_criteria (
  code text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  weight integer NOT NULL CHECK (weight > 0 AND weight <= 100),
  sort_order integer NOT NULL DEFAULT 0
);
INSERT INTO tech_rubric_criteria (code, name_zh, name_en, weight, sort_order) VALUES
  ('novelty', '技术先进性', 'Technical novelty', 25, 1),
  ('maturity', '成熟度与可实施性', 'Maturity and feasibility', 20, 2),
  ('ip', '知识产权稳定性', 'Strength of the IP', 20, 3),
  ('market', '市场前景', 'Market prospects', 20, 4),
  ('fit', '与区内产业链契合度', 'Fit with the district''s chains', 15, 5);

CREATE TABLE tech_evaluations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  listing_id uuid NOT NULL REFERENCES tech_listings (id),
  response_id uuid REFERENCES tech_challenge_responses (id),
  expert_id uuid NOT NULL REFERENCES experts (id),
  assigned_by uuid REFERENCES users (id),
  assigned_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'submitted')),
  -- 0–100, computed from the scores by the rubric's pure function when submitted
  total numeric(5, 2),
  comment text,
  submitted_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX tech_evaluations_once_idx ON tech_evaluations (listing_id, COALESCE(response_id, '00000000-0000-0000-0000-000000000000'::uuid), expert_id);
CREATE INDEX tech_evaluations_expert_idx ON tech_evaluations (expert_id);

CREATE TABLE tech_evaluation_scores (
  evaluation_id uuid NOT NULL REFERENCES tech_evaluations (id),
  criterion text NOT NULL REFERENCES tech_rubric_criteria (code),
  weight integer NOT NULL,
  score integer NOT NULL CHECK (score BETWEEN 0 AND 10),
  PRIMARY KEY (evaluation_id, criterion)
);

CREATE TABLE tech_deals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  listing_id uuid NOT NULL REFERENCES tech_listings (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  kind text NOT NULL CHECK (kind IN ('licence', 'transfer', 'co-development', 'equity', 'service')),
  status text NOT NULL CHECK (status IN ('negotiating', 'signed', 'terminated')),
  -- 万元, exact decimals
  amount numeric(14, 2) CHECK (amount >= 0),
  financing_amount numeric(14, 2) CHECK (financing_amount >= 0),
  financing_source text,
  signed_on date,
  -- the investment project the deal creates (projects registry)
  project_id uuid REFERENCES projects (id),
  note text,
  is_demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tech_deals_listing_idx ON tech_deals (listing_id);

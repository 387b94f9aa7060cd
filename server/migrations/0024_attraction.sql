-- Chain-based investment attraction 链式招商 (issue 13 §3, docs/decisions/0025-attraction-pipeline.md): the
-- candidate pool becomes a registry (several chain nodes, products, where it was found, contact history),
-- targets assign a candidate to an attraction owner with a plan, and a project carries its space needs so
-- zone fit and carrier capacity can be checked before signing.

ALTER TABLE candidate_companies
  ADD COLUMN products text[] NOT NULL DEFAULT '{}',
  ADD COLUMN source text NOT NULL DEFAULT 'other'
    CHECK (source IN ('exhibition', 'referral', 'association', 'research', 'inbound', 'other')),
  ADD COLUMN note text,
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN deleted_at timestamptz;

-- A candidate may serve several nodes; node_id stays as its main node (the first of the list).
CREATE TABLE candidate_chain_nodes (
  candidate_id uuid NOT NULL REFERENCES candidate_companies (id),
  node_id uuid NOT NULL REFERENCES chain_nodes (id),
  PRIMARY KEY (candidate_id, node_id)
);
INSERT INTO candidate_chain_nodes (candidate_id, node_id)
  SELECT id, node_id FROM candidate_companies WHERE node_id IS NOT NULL;

-- A target: one candidate for one node, owned by the commission team, a park (zone) or a department, heading
-- for a designated zone. Converted targets point at the project that carries them on.
CREATE TABLE attraction_targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  candidate_id uuid NOT NULL REFERENCES candidate_companies (id),
  node_id uuid NOT NULL REFERENCES chain_nodes (id),
  zone_id uuid REFERENCES zones (id),
  owner_kind text NOT NULL CHECK (owner_kind IN ('commission', 'zone', 'department')),
  owner_zone_id uuid REFERENCES zones (id),
  owner_department_id uuid REFERENCES departments (id),
  CHECK ((owner_kind = 'zone') = (owner_zone_id IS NOT NULL)),
  CHECK ((owner_kind = 'department') = (owner_department_id IS NOT NULL)),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'converted', 'dropped')),
  plan text,
  next_step text,
  next_on date,
  assigned_on date NOT NULL,
  project_id uuid REFERENCES projects (id),
  CHECK ((status = 'converted') = (project_id IS NOT NULL)),
  is_demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attraction_targets_node_idx ON attraction_targets (node_id);
CREATE INDEX attraction_targets_candidate_idx ON attraction_targets (candidate_id);
-- One live target per candidate and node: a second assignment is an edit of the first.
CREATE UNIQUE INDEX attraction_targets_open_uq ON attraction_targets (candidate_id, node_id) WHERE status = 'open';

-- Contact history of a candidate (calls, visits, meetings, follow-ups), with the target it served if any. When a
-- target converts, its history is copied into the project's follow-ups, which carry it on from there.
CREATE TABLE attraction_activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  candidate_id uuid NOT NULL REFERENCES candidate_companies (id),
  target_id uuid REFERENCES attraction_targets (id),
  kind text NOT NULL CHECK (kind IN ('contact', 'visit', 'meeting', 'follow-up')),
  occurred_on date NOT NULL,
  note text NOT NULL,
  next_step text,
  actor_user_id uuid,
  actor_name text,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attraction_activities_candidate_idx ON attraction_activities (candidate_id, occurred_on);

-- What a project needs of its site: floor area, a GMP plant, admission of hazardous chemistry, lab exhaust.
CREATE TABLE project_space_needs (
  project_id uuid PRIMARY KEY REFERENCES projects (id),
  area_m2 numeric(14, 2) CHECK (area_m2 IS NULL OR area_m2 >= 0),
  needs_gmp boolean NOT NULL DEFAULT false,
  needs_hazardous boolean NOT NULL DEFAULT false,
  needs_lab_exhaust boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

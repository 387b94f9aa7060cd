-- Registries (SPEC §3, §7): enterprises (一企一档) extended, the investment-project pipeline, carriers with
-- occupants, platforms, experts with declared conflicts, industry-chain templates and nodes with the
-- enterprise/project mappings, the candidate pool of outside companies, and a per-record change history.
--
-- Money is NUMERIC in 万元; areas NUMERIC in m². Every registry row has `version` (optimistic concurrency:
-- an update names the version it read and fails with 409 when someone else saved first) and `deleted_at`
-- (soft delete, undoable).

-- Enterprises: columns SPEC §3 needs beyond 0001. contact_name/contact_phone stay and mirror contacts[0].
ALTER TABLE enterprises ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE enterprises ADD COLUMN merged_into_id uuid REFERENCES enterprises(id);
ALTER TABLE enterprises ADD COLUMN contacts jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE enterprises ADD COLUMN address text;
ALTER TABLE enterprises ADD COLUMN note text;
CREATE INDEX enterprises_carrier_idx ON enterprises (carrier_id);
CREATE INDEX enterprises_name_idx ON enterprises (name);

-- Carriers: the table exists (0001); an operator now maintains it.
ALTER TABLE carriers ADD COLUMN leasable_area_m2 numeric(14,2);
ALTER TABLE carriers ADD COLUMN address text;
ALTER TABLE carriers ADD COLUMN operator_name text;
ALTER TABLE carriers ADD COLUMN opened_on date;
ALTER TABLE carriers ADD COLUMN note text;
ALTER TABLE carriers ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE carriers ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE carriers ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE carriers ADD COLUMN deleted_at timestamptz;

CREATE TABLE carrier_occupants (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  carrier_id      uuid NOT NULL REFERENCES carriers(id),
  enterprise_id   uuid NOT NULL REFERENCES enterprises(id),
  move_in_on      date NOT NULL,
  move_out_on     date,
  leased_area_m2  numeric(14,2) NOT NULL CHECK (leased_area_m2 >= 0),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (move_out_on IS NULL OR move_out_on >= move_in_on)
);
CREATE INDEX carrier_occupants_carrier_idx ON carrier_occupants (carrier_id);
CREATE INDEX carrier_occupants_enterprise_idx ON carrier_occupants (enterprise_id);

-- Industry chains (SPEC §7): one template per domain, nodes by stage; seeded from reference JSON, editable.
CREATE TABLE chain_templates (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code       text NOT NULL UNIQUE,
  domain_id  uuid REFERENCES domains(id),
  name_zh    text NOT NULL,
  name_en    text NOT NULL,
  version    integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE chain_nodes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  template_id uuid NOT NULL REFERENCES chain_templates(id),
  code        text NOT NULL UNIQUE,
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  stage       text NOT NULL CHECK (stage IN ('upstream','midstream','downstream')),
  kind        text NOT NULL DEFAULT 'mixed' CHECK (kind IN ('manufacturing','service','mixed')),
  sort_order  integer NOT NULL DEFAULT 0,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz
);
CREATE INDEX chain_nodes_template_idx ON chain_nodes (template_id);

CREATE TABLE enterprise_chain_nodes (
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  node_id       uuid NOT NULL REFERENCES chain_nodes(id),
  is_primary    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (enterprise_id, node_id)
);
CREATE INDEX enterprise_chain_nodes_node_idx ON enterprise_chain_nodes (node_id);

-- Investment-attraction and construction pipeline (SPEC §3).
CREATE TABLE projects (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                      text NOT NULL UNIQUE,
  name                      text NOT NULL,
  investor_name             text NOT NULL,
  investor_enterprise_id    uuid REFERENCES enterprises(id),
  domain_id                 uuid REFERENCES domains(id),
  zone_id                   uuid REFERENCES zones(id),
  total_investment          numeric(16,4),
  expected_annual_output    numeric(16,4),
  responsible_department_id uuid REFERENCES departments(id),
  stage                     text NOT NULL DEFAULT 'lead'
                            CHECK (stage IN ('lead','negotiating','signed','started','completed','producing','full')),
  -- Keys of plan clauses (task/measure keys of the plan module, e.g. task-03-m2): plain text so that the
  -- registry does not depend on a plan version; the plan module resolves them.
  plan_clause_keys          text[] NOT NULL DEFAULT '{}',
  note                      text,
  is_demo                   boolean NOT NULL DEFAULT false,
  version                   integer NOT NULL DEFAULT 1,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  deleted_at                timestamptz
);
CREATE INDEX projects_zone_idx ON projects (zone_id);
CREATE INDEX projects_department_idx ON projects (responsible_department_id);
CREATE INDEX projects_investor_idx ON projects (investor_enterprise_id);

-- Planned and actual date of each of the seven stages (one row per stage, created with the project).
CREATE TABLE project_stages (
  project_id uuid NOT NULL REFERENCES projects(id),
  stage      text NOT NULL CHECK (stage IN ('lead','negotiating','signed','started','completed','producing','full')),
  planned_on date,
  actual_on  date,
  PRIMARY KEY (project_id, stage)
);

-- Every stage change is an event (history kept); skipping a stage or moving back needs a reason.
CREATE TABLE project_stage_events (
  id             bigserial PRIMARY KEY,
  project_id     uuid NOT NULL REFERENCES projects(id),
  from_stage     text,
  to_stage       text NOT NULL,
  occurred_on    date NOT NULL,
  note           text,
  reason         text,
  actor_user_id  uuid,
  actor_name     text,
  recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_stage_events_project_idx ON project_stage_events (project_id, id);

CREATE TABLE project_follow_ups (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id     uuid NOT NULL REFERENCES projects(id),
  occurred_on    date NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('visit','call','meeting','other')),
  note           text NOT NULL,
  problems       text,
  next_step      text,
  department_id  uuid REFERENCES departments(id),
  staff_name     text,
  actor_user_id  uuid,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_follow_ups_project_idx ON project_follow_ups (project_id, occurred_on);

CREATE TABLE project_chain_nodes (
  project_id uuid NOT NULL REFERENCES projects(id),
  node_id    uuid NOT NULL REFERENCES chain_nodes(id),
  PRIMARY KEY (project_id, node_id)
);
CREATE INDEX project_chain_nodes_node_idx ON project_chain_nodes (node_id);

-- Platforms (R&D, testing, CRO/CMO/CDMO).
CREATE TABLE platforms (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                   text NOT NULL UNIQUE,
  name                   text NOT NULL,
  kind                   text NOT NULL CHECK (kind IN ('rd','testing','cro','cmo','cdmo')),
  zone_id                uuid REFERENCES zones(id),
  carrier_id             uuid REFERENCES carriers(id),
  operator_enterprise_id uuid REFERENCES enterprises(id),
  named_in_policy        boolean NOT NULL DEFAULT false,
  services               text[] NOT NULL DEFAULT '{}',
  contact_name           text,
  contact_phone          text,
  note                   text,
  is_demo                boolean NOT NULL DEFAULT false,
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  deleted_at             timestamptz
);

-- Experts (专家库) and the conflicts of interest they declared.
CREATE TABLE experts (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                text NOT NULL UNIQUE,
  name                text NOT NULL,
  title               text,
  affiliation         text,
  domain_codes        text[] NOT NULL DEFAULT '{}',
  fields              text[] NOT NULL DEFAULT '{}',
  is_committee_member boolean NOT NULL DEFAULT false,
  phone               text,
  email               text,
  note                text,
  is_demo             boolean NOT NULL DEFAULT false,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  deleted_at          timestamptz
);

CREATE TABLE expert_conflicts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  expert_id     uuid NOT NULL REFERENCES experts(id),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  relation      text NOT NULL,
  declared_on   date,
  UNIQUE (expert_id, enterprise_id)
);
CREATE INDEX expert_conflicts_enterprise_idx ON expert_conflicts (enterprise_id);

-- Outside companies that chain-based attraction (链式招商, SPEC §7) ranks as targets.
CREATE TABLE candidate_companies (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code           text NOT NULL UNIQUE,
  name           text NOT NULL,
  domain_id      uuid REFERENCES domains(id),
  node_id        uuid REFERENCES chain_nodes(id),
  size_tier      text CHECK (size_tier IN ('leader','large','medium','small')),
  annual_revenue numeric(16,4),
  employees      integer,
  city           text,
  province       text,
  is_listed      boolean NOT NULL DEFAULT false,
  is_demo        boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX candidate_companies_node_idx ON candidate_companies (node_id);

-- Per-record change history: what a record's 变更记录 tab shows. One row per change of one record, written in
-- the same transaction as the change; an import writes one row per changed record here and ONE audit record
-- (with the file's hash) in audit_log. `changes` holds only fields of that record: {field: [before, after]}.
CREATE TABLE record_history (
  id             bigserial PRIMARY KEY,
  object_type    text NOT NULL,
  object_id      uuid NOT NULL,
  action         text NOT NULL,
  source         text NOT NULL DEFAULT 'api' CHECK (source IN ('api','import','merge','seed')),
  changes        jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_user_id  uuid,
  actor_username text,
  request_id     text,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX record_history_object_idx ON record_history (object_type, object_id, id);

-- The plan as data (SPEC §2): plans, immutable plan versions, and the version's structure in normalised
-- tables (goals, domains and sub-fields, zones and carriers, tasks/safeguards, measures, responsible units).
--
-- Every goal, domain, zone, task and measure row has a per-version uuid `id` and a `key` that is stable across
-- versions of the same plan (e.g. task-03, task-03-m2, goal-2025-产业规模): later records (projects, warnings,
-- supervision items) link to the key so that a new version of the text does not orphan them.

CREATE TABLE plans (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code       text NOT NULL UNIQUE,
  title      text NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_versions (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id          uuid NOT NULL REFERENCES plans(id),
  version          integer NOT NULL CHECK (version >= 1),
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','active','archived')),
  title            text,
  issuer           text,
  issued_on        date,
  doc_number       text,
  source_text      text NOT NULL,
  source_file_name text,
  -- SHA-256 (hex) of the source text as stored (UTF-8, "\n" line ends): what the source ranges refer to.
  source_sha256    char(64) NOT NULL,
  -- The saved (operator-corrected) parser output, contracts/plan-parse.ts shape, warnings included.
  structure        jsonb NOT NULL,
  note             text,
  created_by       uuid REFERENCES users(id),
  created_by_name  text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  activated_at     timestamptz,
  activated_by     uuid REFERENCES users(id),
  UNIQUE (plan_id, version)
);
-- One active version per plan, enforced by the database (two concurrent activations cannot both win).
CREATE UNIQUE INDEX plan_versions_one_active_idx ON plan_versions (plan_id) WHERE status = 'active';

-- A version's content is immutable once saved; only its status (and the activation stamp) may change.
CREATE FUNCTION plan_version_content_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.version IS DISTINCT FROM OLD.version
     OR NEW.source_text IS DISTINCT FROM OLD.source_text OR NEW.source_sha256 IS DISTINCT FROM OLD.source_sha256
     OR NEW.structure IS DISTINCT FROM OLD.structure OR NEW.title IS DISTINCT FROM OLD.title
     OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
    RAISE EXCEPTION 'plan version content is immutable; save a new version instead' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER plan_versions_immutable BEFORE UPDATE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION plan_version_content_is_immutable();

CREATE TABLE plan_goals (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id   uuid NOT NULL REFERENCES plan_versions(id),
  key          text NOT NULL,
  ordinal      integer NOT NULL,
  metric       text NOT NULL,
  year         integer NOT NULL,
  year_from    integer,
  value        numeric NOT NULL,
  value_max    numeric,
  unit         text NOT NULL,
  comparator   text NOT NULL,
  source_start integer NOT NULL,
  source_end   integer NOT NULL,
  -- The metric's formula over indicators (SPEC §4), e.g. {"indicator":"revenue","filter":{"scope":"plan-domains"}};
  -- editable by the commission (audited), carried over to later versions by key. NULL: not computed.
  formula      jsonb,
  UNIQUE (version_id, key)
);

CREATE TABLE plan_domains (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id   uuid NOT NULL REFERENCES plan_versions(id),
  key          text NOT NULL,
  ordinal      integer NOT NULL,
  name         text NOT NULL,
  -- The reference domain of the same name, when there is one.
  domain_id    uuid REFERENCES domains(id),
  source_start integer NOT NULL,
  source_end   integer NOT NULL,
  UNIQUE (version_id, key)
);

CREATE TABLE plan_domain_subfields (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_domain_id uuid NOT NULL REFERENCES plan_domains(id),
  ordinal        integer NOT NULL,
  name           text NOT NULL
);
CREATE INDEX plan_domain_subfields_domain_idx ON plan_domain_subfields (plan_domain_id);

CREATE TABLE plan_zones (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id   uuid NOT NULL REFERENCES plan_versions(id),
  key          text NOT NULL,
  ordinal      integer NOT NULL,
  name         text NOT NULL,
  alias        text,
  base         text NOT NULL,
  -- The reference zone of the same name (its map position), when there is one.
  zone_id      uuid REFERENCES zones(id),
  source_start integer NOT NULL,
  source_end   integer NOT NULL,
  UNIQUE (version_id, key)
);

CREATE TABLE plan_zone_carriers (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_zone_id uuid NOT NULL REFERENCES plan_zones(id),
  ordinal      integer NOT NULL,
  name         text NOT NULL
);
CREATE INDEX plan_zone_carriers_zone_idx ON plan_zone_carriers (plan_zone_id);

CREATE TABLE plan_tasks (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id   uuid NOT NULL REFERENCES plan_versions(id),
  key          text NOT NULL,
  ordinal      integer NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('task','safeguard')),
  number       integer NOT NULL,
  label        text NOT NULL,
  title        text NOT NULL,
  source_start integer NOT NULL,
  source_end   integer NOT NULL,
  UNIQUE (version_id, key)
);

CREATE TABLE plan_measures (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id   uuid NOT NULL REFERENCES plan_versions(id),
  task_id      uuid NOT NULL REFERENCES plan_tasks(id),
  key          text NOT NULL,
  ordinal      integer NOT NULL,
  title        text NOT NULL,
  body         text NOT NULL,
  source_start integer NOT NULL,
  source_end   integer NOT NULL,
  UNIQUE (version_id, key)
);
CREATE INDEX plan_measures_task_idx ON plan_measures (task_id);

CREATE TABLE plan_task_units (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id    uuid NOT NULL REFERENCES plan_versions(id),
  task_id       uuid NOT NULL REFERENCES plan_tasks(id),
  ordinal       integer NOT NULL,
  -- The unit as the text names it ("区财政局(金融办)"), kept even when it matches a department.
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('lead','co')),
  department_id uuid REFERENCES departments(id)
);
CREATE INDEX plan_task_units_task_idx ON plan_task_units (task_id);
CREATE INDEX plan_task_units_department_idx ON plan_task_units (department_id);

-- 督办 (issue 12, docs/decisions/0021-supervision.md): supervision of the plan's tasks and safeguards.
--
-- An item is one measure of the plan × one responsible unit, keyed by the measure's stable clause key
-- (plan_measures.key, e.g. task-01-m1), never by the per-version row id: a new plan version that keeps the
-- clause keeps its item, its milestones and its report history. The lead unit's item is the parent; each
-- co-operating unit gets a sub-item under it (parent_id).
CREATE TABLE supervision_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clause_key    text NOT NULL,
  task_key      text NOT NULL,
  parent_id     uuid REFERENCES supervision_items(id),
  role          text NOT NULL CHECK (role IN ('lead','co')),
  -- The unit as the policy names it ("区财政局(金融办)"); the department when one matches.
  unit_name     text NOT NULL,
  department_id uuid REFERENCES departments(id),
  -- A park committee named as a unit (rare in the policies of this genre, but they exist).
  zone_id       uuid REFERENCES zones(id),
  cycle         text NOT NULL DEFAULT 'quarterly' CHECK (cycle IN ('monthly','quarterly')),
  -- false once the active plan no longer has the clause or the unit: kept with its history, not listed.
  is_active     boolean NOT NULL DEFAULT true,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CHECK ((role = 'lead') = (parent_id IS NULL))
);
CREATE UNIQUE INDEX supervision_items_unit_idx ON supervision_items (clause_key, unit_name);
CREATE INDEX supervision_items_department_idx ON supervision_items (department_id);
CREATE INDEX supervision_items_parent_idx ON supervision_items (parent_id);

-- One year's work plan of a lead item: its milestones, set by the commission (confirmed at once) or proposed
-- by the lead unit and confirmed by the commission. The reporting obligation starts with the plan.
CREATE TABLE supervision_work_plans (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id       uuid NOT NULL REFERENCES supervision_items(id),
  year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  confirmed_at  timestamptz,
  confirmed_by  uuid REFERENCES users(id),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  UNIQUE (item_id, year)
);

CREATE TABLE supervision_milestones (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  work_plan_id      uuid NOT NULL REFERENCES supervision_work_plans(id),
  ordinal           integer NOT NULL,
  title             text NOT NULL,
  due_on            date NOT NULL,
  evidence_expected text NOT NULL DEFAULT '',
  weight            numeric(6,2) NOT NULL CHECK (weight > 0),
  UNIQUE (work_plan_id, ordinal)
);

-- A unit's progress report on one item for one cycle period (2026-03 or 2026-Q1). `revision` counts the
-- submissions (a returned report resubmitted is revision 2 …); every state change leaves a row in
-- supervision_report_revisions, so a returned report keeps its history. `version` guards concurrent edits.
CREATE TABLE supervision_reports (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id         uuid NOT NULL REFERENCES supervision_items(id),
  period          text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  status          text NOT NULL CHECK (status IN ('submitted','consolidated','accepted','returned')),
  revision        integer NOT NULL DEFAULT 1,
  percent         numeric(5,2) NOT NULL CHECK (percent BETWEEN 0 AND 100),
  -- [{milestoneId, status: not-started|in-progress|done|blocked}]
  milestones      jsonb NOT NULL DEFAULT '[]',
  done_text       text NOT NULL DEFAULT '',
  problems        text NOT NULL DEFAULT '',
  next_steps      text NOT NULL DEFAULT '',
  help_needed     text NOT NULL DEFAULT '',
  -- The Shanghai day the period's report was due, and whether the first submission came after it: a late
  -- report is accepted and marked, never refused.
  due_on          date NOT NULL,
  is_late         boolean NOT NULL DEFAULT false,
  first_submitted_at timestamptz NOT NULL,
  submitted_at    timestamptz NOT NULL,
  submitted_by    uuid REFERENCES users(id),
  return_reason   text,
  reviewed_at     timestamptz,
  reviewed_by     uuid REFERENCES users(id),
  consolidated_at timestamptz,
  is_demo         boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  UNIQUE (item_id, period)
);

CREATE TABLE supervision_report_revisions (
  id         bigserial PRIMARY KEY,
  report_id  uuid NOT NULL REFERENCES supervision_reports(id),
  revision   integer NOT NULL,
  event      text NOT NULL CHECK (event IN ('submitted','resubmitted','consolidated','accepted','returned')),
  snapshot   jsonb NOT NULL,
  reason     text,
  actor_name text NOT NULL,
  at         timestamptz NOT NULL
);
CREATE INDEX supervision_report_revisions_report_idx ON supervision_report_revisions (report_id, id);

-- The colour rules as data (the warnings' shape: a code, enabled, parameters); editing one recomputes the
-- board, which is always computed on read.
CREATE TABLE supervision_status_rules (
  code       text PRIMARY KEY,
  colour     text NOT NULL CHECK (colour IN ('blue','yellow','red')),
  enabled    boolean NOT NULL DEFAULT true,
  params     jsonb NOT NULL DEFAULT '{}',
  version    integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO supervision_status_rules (code, colour, params) VALUES
  ('milestone-overdue', 'red', '{}'),
  ('report-missing', 'red', '{"dueDays": 10}'),
  ('behind-schedule', 'yellow', '{"tolerancePp": 10}'),
  ('report-returned', 'yellow', '{}'),
  ('deadline-near', 'blue', '{"days": 15}');

-- The dual track: outcome indicators a task should move, with the year's baseline and target (commission).
CREATE TABLE supervision_outcome_links (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_key   text NOT NULL,
  metric     text NOT NULL,
  year       integer NOT NULL,
  baseline   numeric NOT NULL,
  target     numeric NOT NULL,
  version    integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  UNIQUE (task_key, metric, year)
);

-- 督办通报: each generated bulletin is archived as the file that was handed out.
CREATE TABLE supervision_bulletins (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  period       text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  file_name    text NOT NULL,
  content      bytea NOT NULL,
  summary      jsonb NOT NULL,
  generated_by text NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX supervision_bulletins_period_idx ON supervision_bulletins (period, created_at);

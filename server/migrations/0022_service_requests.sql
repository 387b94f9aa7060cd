-- Enterprise requests 企业诉求 (issue 14 §5, docs/decisions/0023-enterprise-services.md). Routing rules and
-- SLA limits are data an operator edits, not code; the working-day calendar carries Shanghai's public holidays
-- and adjusted working weekends (调休), which no weekday rule can compute.
CREATE TABLE service_request_routes (
  category text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  -- where a request of this category goes: a department (责任单位), a zone's park committee, a platform, or
  -- the park committee of the submitting enterprise's own zone (target_id NULL)
  target_kind text NOT NULL CHECK (target_kind IN ('department', 'zone', 'platform', 'enterprise-zone')),
  target_id uuid,
  CHECK ((target_kind = 'enterprise-zone') = (target_id IS NULL)),
  sort_order integer NOT NULL DEFAULT 0
);

-- SLA per step in working hours (8 per working day): acknowledge, resolve.
CREATE TABLE service_request_sla (
  step text PRIMARY KEY CHECK (step IN ('acknowledge', 'resolve')),
  working_hours integer NOT NULL CHECK (working_hours > 0),
  -- reminders go out when this share of the limit has elapsed (e.g. 0.75)
  remind_at_share numeric(3, 2) NOT NULL DEFAULT 0.75 CHECK (remind_at_share > 0 AND remind_at_share < 1)
);
INSERT INTO service_request_sla (step, working_hours) VALUES ('acknowledge', 8), ('resolve', 56);

-- Days that differ from the Monday–Friday rule: holidays (is_working false) and 调休 weekends (true).
CREATE TABLE service_calendar_days (
  day date PRIMARY KEY,
  is_working boolean NOT NULL,
  note text
);
INSERT INTO service_calendar_days (day, is_working, note) VALUES
  ('2026-01-01', false, '元旦'), ('2026-01-02', false, '元旦'),
  ('2026-02-16', false, '春节'), ('2026-02-17', false, '春节'), ('2026-02-18', false, '春节'),
  ('2026-02-19', false, '春节'), ('2026-02-20', false, '春节'), ('2026-02-23', false, '春节'),
  ('2026-02-14', true, '春节调休'), ('2026-02-28', true, '春节调休'),
  ('2026-04-06', false, '清明节'), ('2026-05-01', false, '劳动节'), ('2026-05-04', false, '劳动节'),
  ('2026-05-05', false, '劳动节'), ('2026-06-19', false, '端午节'), ('2026-09-25', false, '中秋节'),
  ('2026-10-01', false, '国庆节'), ('2026-10-02', false, '国庆节'), ('2026-10-05', false, '国庆节'),
  ('2026-10-06', false, '国庆节'), ('2026-10-07', false, '国庆节'), ('2026-09-27', true, '国庆调休'),
  ('2026-10-10', true, '国庆调休');

CREATE TABLE service_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  submitted_by uuid REFERENCES users (id),
  category text NOT NULL REFERENCES service_request_routes (category),
  title text NOT NULL,
  description text NOT NULL,
  target_kind text NOT NULL CHECK (target_kind IN ('department', 'zone', 'platform')),
  target_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('submitted', 'accepted', 'replied', 'closed')),
  submitted_at timestamptz NOT NULL,
  -- each step's due instant and the instant its reminder is due, computed in working time when the step's clock
  -- starts (docs/decisions/0023): the SLA job then compares instants and needs no calendar arithmetic
  acknowledge_due_at timestamptz NOT NULL,
  acknowledge_remind_at timestamptz NOT NULL,
  resolve_due_at timestamptz NOT NULL,
  resolve_remind_at timestamptz NOT NULL,
  accepted_at timestamptz,
  plan text,
  replied_at timestamptz,
  reply text,
  rating integer CHECK (rating BETWEEN 1 AND 5),
  rated_at timestamptz,
  reopen_count integer NOT NULL DEFAULT 0,
  -- the last SLA reminder / escalation sent, so the job notifies once per step
  reminded_step text,
  escalated_step text,
  is_demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_requests_enterprise_idx ON service_requests (enterprise_id, submitted_at DESC);
CREATE INDEX service_requests_target_idx ON service_requests (target_kind, target_id, status);

CREATE TABLE service_request_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the order of events within one instant (two steps in the same transaction's clock tick)
  seq bigserial NOT NULL,
  request_id uuid NOT NULL REFERENCES service_requests (id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  note text,
  actor_id uuid REFERENCES users (id),
  actor_name text,
  occurred_at timestamptz NOT NULL
);
CREATE INDEX service_request_events_request_idx ON service_request_events (request_id, seq);

-- A data-version token for statistics reads. Computed views (the cockpit, goal progress) are cached in the
-- server process keyed by this token; any committed change to what they are computed from replaces it.
--
-- Why a deferred bump: every writing statement on a watched table only records its transaction in
-- stat_change_marks (an insert, no shared lock); the token row is updated once, at commit, by a deferred
-- constraint trigger. Writers therefore take the token row's lock last, after every other lock of their
-- transaction (the per-enterprise advisory locks of the rollups included), so they cannot deadlock on it,
-- and a reader never sees a new token before the data it stands for is committed.
-- The token is random, not a counter: a restored backup brings back the token of exactly the data it holds.

CREATE TABLE stat_generation (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  token      uuid NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO stat_generation (singleton, token) VALUES (true, gen_random_uuid());

CREATE TABLE stat_change_marks (
  txid bigint PRIMARY KEY
);

CREATE FUNCTION stat_mark_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_change_marks (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE FUNCTION stat_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stat_generation SET token = gen_random_uuid(), changed_at = now();
  DELETE FROM stat_change_marks WHERE txid = NEW.txid;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER stat_change_marks_bump AFTER INSERT ON stat_change_marks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stat_bump_generation();

-- Everything a cached statistics view is computed from: the rollups, and the registry and plan tables that
-- name its groups, place its zones on the map and set its milestones.
CREATE TRIGGER stat_group_cells_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stat_group_cells
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_change();
CREATE TRIGGER stat_enterprise_ytd_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stat_enterprise_ytd
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_change();
CREATE TRIGGER stat_enterprise_groups_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stat_enterprise_groups
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_change();
CREATE TRIGGER enterprises_stat_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enterprises
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_change();
CREATE TRIGGER domains_stat_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON domains
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_change();
CREATE TRIGGER zones_stat_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON zones
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_change();
CREATE TRIGGER chain_nodes_stat_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON chain_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_change();
CREATE TRIGGER carriers_stat_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON carriers
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_change();
CREATE TRIGGER plan_goals_stat_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_goals
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_change();
CREATE TRIGGER plan_versions_stat_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_versions
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_change();
CREATE TRIGGER plan_domains_stat_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_domains
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_change();

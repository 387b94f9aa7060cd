-- The month-close check counts a month's reports through monthly_reports_period_idx and subtracts those of
-- deleted enterprises (stats-query.repository.ts, recentMonthCounts). Deleted enterprises are few: this index
-- finds them without reading the whole registry, at any size and without the planner's statistics (the
-- embedded engine has no autovacuum to collect them between maintenance runs).
CREATE INDEX enterprises_deleted_idx ON enterprises (id) WHERE deleted_at IS NOT NULL;

-- Jobs that every instance schedules but only one may run at a time (issue #7: the retention
-- purge). A lease is a row: taken by an atomic upsert, released by deleting it, and free again
-- after `expires_at` when its holder died mid-run. A row, not a session advisory lock, because a
-- pooled connection (or PgBouncer in transaction mode) does not keep a session, and PGlite's one
-- connection would let every holder in.
CREATE TABLE job_lease (
  job text PRIMARY KEY,
  holder text NOT NULL,
  taken_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

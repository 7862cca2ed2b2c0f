-- Projections are named and versioned (docs/decisions/1421): a checkpoint per
-- hall, projection and version, one of them active (the one reads use). A new
-- version rebuilds beside the active one, its rows carrying its version, and
-- becomes active in the transaction that reaches the hall's head.
ALTER TABLE projection_checkpoints DROP CONSTRAINT projection_checkpoints_pkey;
ALTER TABLE projection_checkpoints ADD PRIMARY KEY (hall_id, projection, version);
ALTER TABLE projection_checkpoints ADD COLUMN active boolean NOT NULL DEFAULT true;
CREATE UNIQUE INDEX projection_checkpoints_active ON projection_checkpoints (hall_id, projection) WHERE active;

ALTER TABLE score_views ADD COLUMN projection_version integer NOT NULL DEFAULT 1;
ALTER TABLE score_views DROP CONSTRAINT score_views_pkey;
ALTER TABLE score_views ADD PRIMARY KEY (hall_id, projection_version, period, subject_type, subject_id);

-- The stage a month not yet published is in (open or collecting), so reads
-- need no history in memory to say it.
ALTER TABLE month_views ADD COLUMN projection_version integer NOT NULL DEFAULT 1;
ALTER TABLE month_views ADD COLUMN stage text NOT NULL DEFAULT 'open';
ALTER TABLE month_views DROP CONSTRAINT month_views_pkey;
ALTER TABLE month_views ADD PRIMARY KEY (hall_id, projection_version, period);

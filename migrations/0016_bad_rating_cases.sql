-- The bad-rating cases (差评整改) as a table written by the score views'
-- projection (decision 1431): one row per case ever opened, in the batch's
-- transaction with its checkpoint. `document` is the case as folded (deadlines
-- as instants, steps, marks) with its timeline resolved (who appended each
-- event, outcome, level); statuses and flags are computed at read time from it
-- and the request's instant. A case whose 差评 has left the hall's bounded
-- state keeps its row. Keyed by projection version like score_views: a new
-- version writes its own rows beside the active ones.
CREATE TABLE bad_rating_cases (
  hall_id            text        NOT NULL REFERENCES halls (hall_id),
  projection_version integer     NOT NULL,
  case_id            text        NOT NULL,
  period             text        NOT NULL,
  window_id          text        NOT NULL,
  opened_at          timestamptz NOT NULL,
  document           jsonb       NOT NULL,
  position           bigint      NOT NULL,
  PRIMARY KEY (hall_id, projection_version, case_id)
);
-- The list reads: a hall's cases by rating time, optionally of one month or one window.
CREATE INDEX bad_rating_cases_by_time ON bad_rating_cases (hall_id, projection_version, opened_at, case_id);
CREATE INDEX bad_rating_cases_by_window ON bad_rating_cases (hall_id, projection_version, window_id, opened_at);

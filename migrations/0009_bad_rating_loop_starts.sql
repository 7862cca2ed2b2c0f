-- When the bad-rating loop's scheduler first ran for a hall
-- (docs/decisions/1702-bad-rating-loop-start.md): marks and default ratings are
-- appended only for 差评 rated and tickets completed from then on, so a hall
-- with years of history does not get every old ticket defaulted and every old
-- 差评 marked overdue on the first run. Inserted once, never updated.
CREATE TABLE bad_rating_loop_starts (
  hall_id    text        NOT NULL REFERENCES halls (hall_id),
  started_at timestamptz NOT NULL,
  PRIMARY KEY (hall_id)
);

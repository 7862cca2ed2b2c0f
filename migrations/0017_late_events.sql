-- The late events of final months (docs/domain.md §6, decision 1441): written by
-- the score projection in the transaction that moves its checkpoint, so the
-- period reads count them from a table instead of loading the hall's state.
-- A row says: the event at `position` is dated in `period` (a final month) and
-- arrived after the month's latest publication. A restatement of the month
-- deletes the rows it took in. Rows carry the projection version, like the
-- score views, so a new version rebuilds beside the old one.
CREATE TABLE late_events (
  hall_id            text    NOT NULL REFERENCES halls (hall_id),
  projection_version integer NOT NULL,
  period             text    NOT NULL,
  position           bigint  NOT NULL CHECK (position > 0),
  event_id           text    NOT NULL,
  PRIMARY KEY (hall_id, projection_version, period, position)
);

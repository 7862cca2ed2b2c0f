-- Carry-over snapshots (docs/decisions/1411-month-carry-over.md): when a month
-- becomes final, what crosses into the earliest month still open. A hall's
-- state is loaded from its latest snapshot (the carried events, by position)
-- plus every event after `through_position`; restating a final month loads
-- the latest snapshot from that month or before it. hall_id leads the key.
CREATE TABLE month_carry_overs (
  hall_id          text        NOT NULL REFERENCES halls (hall_id),
  from_month       text        NOT NULL,
  through_position bigint      NOT NULL CHECK (through_position >= 0),
  positions        bigint[]    NOT NULL,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (hall_id, from_month)
);

-- Reads of a few event types of one hall (appeals, quarter peer-review scores)
-- without scanning its history.
CREATE INDEX events_hall_type ON events (hall_id, type, position);

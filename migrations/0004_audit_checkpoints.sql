-- Signed audit checkpoints (issue 7): one per final or restated publication,
-- vouching for the hall's history up to and including the PeriodAdvanced
-- event that published it. hall_id leads every key
-- (docs/decisions/0301-sharding.md). Rows are only ever inserted.
CREATE TABLE audit_checkpoints (
  hall_id     text        NOT NULL REFERENCES halls (hall_id),
  period      text        NOT NULL,
  version     integer     NOT NULL CHECK (version >= 1),
  -- Position and hash of the PeriodAdvanced event of this publication.
  position    bigint      NOT NULL CHECK (position > 0),
  head_hash   text        NOT NULL,
  scores_hash text        NOT NULL,
  -- Exactly the text that was signed (RFC 3339, UTC, milliseconds).
  signed_at   text        NOT NULL,
  -- Which Ed25519 key signed: first 16 hex digits of sha256(SPKI DER).
  key_id      text        NOT NULL,
  -- base64 Ed25519 signature over the checkpoint's canonical JSON.
  signature   text        NOT NULL,
  PRIMARY KEY (hall_id, period, version)
);

CREATE INDEX audit_checkpoints_hall_position ON audit_checkpoints (hall_id, position);

-- Public halves of every key that has signed audit checkpoints, so a rotated
-- key's checkpoints still verify (docs/decisions/1062-signing-key-rotation.md).
-- Service-wide, like service_settings; rows are only ever inserted.
CREATE TABLE audit_public_keys (
  -- First 16 hex digits of sha256 over the SPKI DER, as checkpoints name it.
  key_id        text        PRIMARY KEY,
  algorithm     text        NOT NULL CHECK (algorithm = 'Ed25519'),
  -- SPKI PEM.
  public_key    text        NOT NULL,
  -- When this service first used the key (its start, or its first checkpoint).
  registered_at timestamptz NOT NULL
);

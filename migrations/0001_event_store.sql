-- The event store: one history per hall. hall_id leads every key so a hall's
-- rows can live on one shard (docs/decisions/0301-sharding.md).

CREATE TABLE halls (
  hall_id              text        PRIMARY KEY,
  name                 text        NOT NULL,
  timezone             text        NOT NULL,
  assessment_starts_on date        NOT NULL,
  auto_advance         boolean     NOT NULL,
  -- The chain head: position and hash of the last event, moved by every append
  -- under this row's lock, which is what keeps positions gap-free.
  head_position        bigint      NOT NULL DEFAULT 0 CHECK (head_position >= 0),
  head_hash            text        NOT NULL DEFAULT repeat('0', 64),
  -- Key of the HMAC that turns a citizen's contact into events.personal_ref.
  contact_salt         text        NOT NULL,
  created_at           timestamptz NOT NULL
);

CREATE TABLE events (
  hall_id          text        NOT NULL REFERENCES halls (hall_id),
  position         bigint      NOT NULL CHECK (position > 0),
  event_id         text        NOT NULL,
  type             text        NOT NULL,
  occurred_at      timestamptz NOT NULL,
  -- occurredAt exactly as the client sent it: the hash covers this text.
  occurred_at_text text        NOT NULL,
  recorded_at      timestamptz NOT NULL,
  client_id        text        NOT NULL,
  schema_version   integer     NOT NULL,
  -- The event's data without personal fields (those live in personal_data).
  data             jsonb       NOT NULL,
  personal_ref     text,
  -- Fingerprint of type, occurredAt as an instant and data including personal
  -- fields, for idempotent retries; not part of the chain.
  content_hash     text        NOT NULL,
  hash             text        NOT NULL,
  prev_hash        text        NOT NULL,
  PRIMARY KEY (hall_id, position),
  UNIQUE (hall_id, event_id)
);

CREATE INDEX events_hall_occurred_at ON events (hall_id, occurred_at);

-- Citizens' contact data, apart from the hashed history so it can be erased
-- (docs/domain.md §10). Erasure deletes the row; the chain never covered it.
CREATE TABLE personal_data (
  hall_id  text NOT NULL,
  event_id text NOT NULL,
  contact  text NOT NULL,
  PRIMARY KEY (hall_id, event_id),
  FOREIGN KEY (hall_id, event_id) REFERENCES events (hall_id, event_id)
);

-- Service-wide settings such as the admin token's hash. Not hall data: under
-- Citus this is a reference table (replicated to every node).
CREATE TABLE service_settings (
  key        text        PRIMARY KEY,
  value      text        NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

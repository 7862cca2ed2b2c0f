-- Signed webhooks for bad-rating cases (docs/decisions/1711-webhooks.md):
-- the hall's registered URLs, the dispatcher's per-hall cursor over the
-- history, and one delivery row per (webhook, event) with its attempts.
CREATE TABLE webhooks (
  hall_id       text        NOT NULL REFERENCES halls (hall_id),
  webhook_id    text        NOT NULL,
  url           text        NOT NULL,
  -- Subscribed kinds: case_opened, case_due_soon, case_overdue.
  kinds         text[]      NOT NULL,
  -- The HMAC key, shown once at creation; kept as it is so the sender can sign (decision 1711).
  secret        text        NOT NULL,
  -- The hall's head when the webhook was registered: it hears only what comes after.
  from_position bigint      NOT NULL CHECK (from_position >= 0),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (hall_id, webhook_id)
);

-- How far the dispatcher has turned the hall's history into delivery rows;
-- moved in the transaction that inserts them.
CREATE TABLE webhook_cursors (
  hall_id  text   PRIMARY KEY REFERENCES halls (hall_id),
  position bigint NOT NULL CHECK (position >= 0)
);

CREATE TABLE webhook_deliveries (
  hall_id         text        NOT NULL,
  -- Derived from (webhook id, event id): a second dispatch inserts nothing.
  delivery_id     text        NOT NULL,
  webhook_id      text        NOT NULL,
  event_id        text        NOT NULL,
  position        bigint      NOT NULL,
  kind            text        NOT NULL CHECK (kind IN ('case_opened', 'case_due_soon', 'case_overdue')),
  -- The JSON body exactly as sent (and signed) on every attempt.
  payload         text        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer     NOT NULL DEFAULT 0,
  -- A re-send after `failed` starts a new round with a fresh attempt budget.
  round           integer     NOT NULL DEFAULT 0,
  round_attempts  integer     NOT NULL DEFAULT 0,
  last_error      text,
  response_code   integer,
  next_attempt_at timestamptz NOT NULL,
  -- A sender holds the row while it sends, so two senders never send it at once.
  lease_until     timestamptz,
  created_at      timestamptz NOT NULL,
  delivered_at    timestamptz,
  PRIMARY KEY (hall_id, delivery_id),
  FOREIGN KEY (hall_id, webhook_id) REFERENCES webhooks (hall_id, webhook_id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (hall_id, webhook_id, position DESC, delivery_id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

-- API clients (tokens) and the organisation view the append checks references
-- against. The view tables are written in the append's transaction, so they
-- are exactly as current as the history.

CREATE TABLE clients (
  hall_id    text        NOT NULL REFERENCES halls (hall_id),
  client_id  text        NOT NULL,
  name       text        NOT NULL,
  role       text        NOT NULL,
  window_id  text,
  section    text,
  -- sha256 hex of the whole token; the token itself is shown once.
  token_hash text        NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (hall_id, client_id)
);

CREATE TABLE departments (
  hall_id       text   NOT NULL REFERENCES halls (hall_id),
  department_id text   NOT NULL,
  name          text   NOT NULL,
  -- Position of the event that last wrote this row.
  position      bigint NOT NULL,
  PRIMARY KEY (hall_id, department_id)
);

CREATE TABLE windows (
  hall_id       text    NOT NULL,
  window_id     text    NOT NULL,
  number        text    NOT NULL,
  name          text    NOT NULL,
  department_id text    NOT NULL,
  kind          text    NOT NULL CHECK (kind IN ('approval', 'public_service')),
  closed        boolean NOT NULL DEFAULT false,
  position      bigint  NOT NULL,
  PRIMARY KEY (hall_id, window_id),
  FOREIGN KEY (hall_id, department_id) REFERENCES departments (hall_id, department_id)
);

CREATE TABLE staff (
  hall_id       text   NOT NULL,
  staff_id      text   NOT NULL,
  name          text   NOT NULL,
  department_id text   NOT NULL,
  position      bigint NOT NULL,
  PRIMARY KEY (hall_id, staff_id),
  FOREIGN KEY (hall_id, department_id) REFERENCES departments (hall_id, department_id)
);

CREATE TABLE service_items (
  hall_id                text    NOT NULL,
  service_item_id        text    NOT NULL,
  name                   text    NOT NULL,
  department_id          text    NOT NULL,
  committed_working_days integer NOT NULL,
  position               bigint  NOT NULL,
  PRIMARY KEY (hall_id, service_item_id),
  FOREIGN KEY (hall_id, department_id) REFERENCES departments (hall_id, department_id)
);

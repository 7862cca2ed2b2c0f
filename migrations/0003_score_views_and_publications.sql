-- Read models of the scoring projection and the frozen publications of
-- months. hall_id leads every key (docs/decisions/0301-sharding.md).

-- Where each projection has got to in each hall's history. Written in the
-- same transaction as the view rows it vouches for.
CREATE TABLE projection_checkpoints (
  hall_id    text        NOT NULL REFERENCES halls (hall_id),
  projection text        NOT NULL,
  version    integer     NOT NULL,
  position   bigint      NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (hall_id, projection)
);

-- One score document per subject and month, for months not yet final (final
-- months are read from period_versions).
CREATE TABLE score_views (
  hall_id      text    NOT NULL REFERENCES halls (hall_id),
  period       text    NOT NULL,
  subject_type text    NOT NULL CHECK (subject_type IN ('window', 'staff')),
  subject_id   text    NOT NULL,
  total_cents  integer NOT NULL,
  veto         boolean NOT NULL,
  document     jsonb   NOT NULL,
  position     bigint  NOT NULL,
  PRIMARY KEY (hall_id, period, subject_type, subject_id)
);

-- Rankings and rating statuses of a month, for months not yet final.
CREATE TABLE month_views (
  hall_id  text   NOT NULL REFERENCES halls (hall_id),
  period   text   NOT NULL,
  rankings jsonb  NOT NULL,
  ratings  jsonb  NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (hall_id, period)
);

-- Every published version of a month, frozen: what was published, from which
-- history position and with which catalogue version. Never updated.
CREATE TABLE period_versions (
  hall_id           text        NOT NULL REFERENCES halls (hall_id),
  period            text        NOT NULL,
  version           integer     NOT NULL CHECK (version >= 1),
  kind              text        NOT NULL CHECK (kind IN ('preliminary', 'final', 'restated')),
  published_at      timestamptz NOT NULL,
  computed_through  bigint      NOT NULL,
  scores_hash       text        NOT NULL,
  catalogue_version integer     NOT NULL,
  windows           jsonb       NOT NULL,
  staff             jsonb       NOT NULL,
  rankings          jsonb       NOT NULL,
  ratings           jsonb       NOT NULL,
  PRIMARY KEY (hall_id, period, version)
);

-- A published version's score documents, one row per subject (decision 1811):
-- a read of a published month looks one subject up by key instead of
-- searching the whole windows/staff array of period_versions. Written in the
-- transaction that inserts the period_versions row it copies; never updated.
-- period_versions stays as it is (audit and replay read it). `ordinal` keeps
-- the subject's place in the version's array, so a list reads in its order.
CREATE TABLE published_documents (
  hall_id      text    NOT NULL,
  period       text    NOT NULL,
  version      integer NOT NULL,
  subject_type text    NOT NULL CHECK (subject_type IN ('window', 'staff')),
  subject_id   text    NOT NULL,
  ordinal      integer NOT NULL,
  total_cents  integer NOT NULL,
  veto         boolean NOT NULL,
  document     jsonb   NOT NULL,
  PRIMARY KEY (hall_id, period, version, subject_type, subject_id),
  FOREIGN KEY (hall_id, period, version) REFERENCES period_versions (hall_id, period, version) ON DELETE CASCADE
);

-- Back-fill from every version published before this table existed.
INSERT INTO published_documents (hall_id, period, version, subject_type, subject_id, ordinal, total_cents, veto, document)
SELECT v.hall_id, v.period, v.version, s.subject_type, d.doc->'subject'->>'id', d.ordinal::integer,
       round((d.doc->>'total')::numeric * 100)::integer, (d.doc->>'veto')::boolean, d.doc
FROM period_versions v
CROSS JOIN LATERAL (VALUES ('window', v.windows), ('staff', v.staff)) AS s(subject_type, docs)
CROSS JOIN LATERAL jsonb_array_elements(s.docs) WITH ORDINALITY AS d(doc, ordinal);

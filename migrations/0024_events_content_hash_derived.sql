-- Decision 1881: an event's content fingerprint (the idempotency check's) is
-- derived from its stored row (type, occurred_at_text, data, personal_ref),
-- so appends no longer store it: the append path hashes once per event (the
-- chain) instead of twice, and a row is 64 characters shorter. Rows stored
-- before keep theirs; the rows after have NULL and are fingerprinted when an
-- id comes again (append/read-hall.ts).
ALTER TABLE events ALTER COLUMN content_hash DROP NOT NULL;

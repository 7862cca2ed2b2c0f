-- events.data keeps the exact text the hash chain covers (decision 0307).
-- `json` stores its input byte for byte; the append path writes the event's
-- data as its RFC 8785 canonical text, so verify hashes the stored text as it
-- is, without parsing and re-serialising every event, and PostgreSQL sends it
-- without jsonb's re-serialisation. Nothing queries inside events.data in SQL.
-- Rows written before this migration hold jsonb's text form (not canonical);
-- verify recognises them by a hash mismatch on the raw text and checks their
-- canonical form instead, so they stay verifiable.
ALTER TABLE events ALTER COLUMN data TYPE json USING data::json;

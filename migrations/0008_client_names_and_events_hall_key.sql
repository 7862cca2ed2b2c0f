-- 1. One active client per name in a hall (docs/decisions/1801-one-active-client-per-name.md):
-- the database decides it, so concurrent creations give one 201 and 409s.
-- A revoked client frees its name.
--
-- Halls that already hold several active clients of one name keep the oldest
-- as it is; the others get their client id appended to the name, so this
-- never fails on existing data and no token stops working.
UPDATE clients c
SET name = c.name || ' (' || c.client_id || ')'
WHERE c.revoked_at IS NULL
  AND EXISTS (
    SELECT FROM clients o
    WHERE o.hall_id = c.hall_id AND o.name = c.name AND o.revoked_at IS NULL
      AND (o.created_at, o.client_id) < (c.created_at, c.client_id)
  );

CREATE UNIQUE INDEX clients_active_name ON clients (hall_id, name) WHERE revoked_at IS NULL;

-- 2. The events → halls foreign key fired a trigger per inserted row (a
-- key-share lookup of the hall row, 500 per 500-event batch) to prove what
-- every append proves once already: it locks or compare-and-sets that very
-- hall row in the same statement or transaction, and halls are never
-- deleted (docs/decisions/1802-append-pipelining-and-column-arrays.md).
-- hall_id still leads the primary key.
ALTER TABLE events DROP CONSTRAINT events_hall_id_fkey;

-- 3. No query reads events by occurred_at (reads go by position or by event
-- id; the views keep their own dates), so its index was upkeep on every
-- inserted row for nothing. A future query by time can bring it back.
DROP INDEX events_hall_occurred_at;

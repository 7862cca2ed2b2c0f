-- A staff token (decision 1601) is bound to one person of the hall, as a kiosk
-- or window head token is bound to a window. Only role staff sets it.
ALTER TABLE clients ADD COLUMN staff_id text;
ALTER TABLE clients ADD CONSTRAINT clients_staff_id_only_for_staff CHECK ((role = 'staff') = (staff_id IS NOT NULL));

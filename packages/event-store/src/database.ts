import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * Column types as the `pg` driver returns them on both back ends: `bigint`
 * arrives as a string, `timestamptz` as a `Date`, `date` as `YYYY-MM-DD`
 * (connect() installs that parser), `json` and `jsonb` parsed.
 */
type Int8 = ColumnType<string, number | string, number | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface HallsTable {
  hall_id: string;
  name: string;
  timezone: string;
  assessment_starts_on: string;
  auto_advance: boolean;
  head_position: ColumnType<string, number | string | undefined, number | string>;
  head_hash: ColumnType<string, string | undefined, string>;
  contact_salt: string;
  created_at: Timestamp;
}

export interface EventsTable {
  hall_id: string;
  position: Int8;
  event_id: string;
  type: string;
  occurred_at: Timestamp;
  occurred_at_text: string;
  recorded_at: Timestamp;
  client_id: string;
  schema_version: number;
  data: ColumnType<Record<string, unknown>, string, string>;
  personal_ref: string | null;
  /** NULL for rows appended since migration 0024: derived from the row when needed (decision 1881). */
  content_hash: string | null;
  hash: string;
  prev_hash: string;
}

export interface PersonalDataTable {
  hall_id: string;
  event_id: string;
  contact: string;
}

export interface ServiceSettingsTable {
  key: string;
  value: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ClientsTable {
  hall_id: string;
  client_id: string;
  name: string;
  role: string;
  window_id: string | null;
  section: string | null;
  /** Role staff only (decision 1601). */
  staff_id: ColumnType<string | null, string | null | undefined, string | null>;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface DepartmentsTable {
  hall_id: string;
  department_id: string;
  name: string;
  position: Int8;
}

export interface WindowsTable {
  hall_id: string;
  window_id: string;
  number: string;
  name: string;
  department_id: string;
  kind: 'approval' | 'public_service';
  closed: ColumnType<boolean, boolean | undefined, boolean>;
  position: Int8;
}

export interface StaffTable {
  hall_id: string;
  staff_id: string;
  name: string;
  department_id: string;
  position: Int8;
}

export interface ServiceItemsTable {
  hall_id: string;
  service_item_id: string;
  name: string;
  department_id: string;
  committed_working_days: number;
  position: Int8;
}

/** Every table the event store owns; the lead's later migrations extend this interface. */
export interface Database {
  halls: HallsTable;
  events: EventsTable;
  personal_data: PersonalDataTable;
  service_settings: ServiceSettingsTable;
  clients: ClientsTable;
  departments: DepartmentsTable;
  windows: WindowsTable;
  staff: StaffTable;
  service_items: ServiceItemsTable;
}

export type EventRow = Selectable<EventsTable>;
export type NewEventRow = Insertable<EventsTable>;
export type ClientRow = Selectable<ClientsTable>;

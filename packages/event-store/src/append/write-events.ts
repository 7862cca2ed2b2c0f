import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { AppendedEvent } from './append-types.ts';
import { appendLockShared, headLock } from './hall-append-lock.ts';

/**
 * A PostgreSQL array literal of `values`, made by JSON.stringify (native)
 * instead of the driver's element-by-element escaping in JavaScript (1802).
 * JSON writes a string the way an array literal quotes it (`"` and `\` escaped
 * by a backslash, everything else as it is) and `null` unquoted, which an
 * array literal reads as NULL. The one difference is JSON's other escapes
 * (`\n`, `\u0001`, a lone surrogate's `\udc00`): an array literal would read
 * `\n` as `n`. So when the text holds a backslash before anything but `"` or
 * `\` (rare: only text with control characters, backslashes or lone
 * surrogates can), the values go to the driver as they are. A false alarm
 * (`\\` followed by a letter) only costs that fallback.
 */
function arrayParameter(values: ReadonlyArray<string | number | null>): string | ReadonlyArray<string | number | null> {
  const json = JSON.stringify(values);
  return JSON_ONLY_ESCAPE.test(json) ? values : `{${json.slice(1, -1)}}`;
}
const JSON_ONLY_ESCAPE = /\\[^"\\]/;

/**
 * The events of a write as one array per column, unnested together in the
 * statement (1802): the statement text is the same for 1 or 1000 events (so
 * it can be a prepared statement) and PostgreSQL's 65535-parameter limit
 * never applies. Against one jsonb document of rows this saves building and
 * parsing that document and re-escaping each data text inside it: each
 * array element arrives as the text it is.
 */
function writeParameters(appended: AppendedEvent[]) {
  const n = appended.length;
  const position = new Array<number>(n);
  const eventId = new Array<string>(n);
  const type = new Array<string>(n);
  const occurredAt = new Array<string>(n);
  const recordedAt = new Array<string>(n);
  const clientId = new Array<string>(n);
  const schemaVersion = new Array<number>(n);
  const data = new Array<string>(n);
  const personalRef = new Array<string | null>(n);
  const hash = new Array<string>(n);
  const contactIds: string[] = [];
  const contacts: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const e = appended[i];
    position[i] = e.position;
    eventId[i] = e.id;
    type[i] = e.type;
    occurredAt[i] = e.occurredAt;
    recordedAt[i] = e.recordedAt;
    clientId[i] = e.clientId;
    schemaVersion[i] = e.schemaVersion;
    // The canonical text itself: stored byte for byte in the json column (0307).
    data[i] = e.dataText;
    personalRef[i] = e.personalRef;
    hash[i] = e.hash;
    // Each row's prev_hash is the row before's hash: derived in the statement, not sent (a sixth of its bytes, 1851).
    if (i > 0 && (e.prevHash !== appended[i - 1].hash || e.position !== appended[i - 1].position + 1)) throw new Error('append: a write must be one run of the chain');
    if (e.contact !== undefined) {
      contactIds.push(e.id);
      contacts.push(e.contact);
    }
  }
  // recorded_at and client_id are one value for a whole batch (a group of several clients' batches may differ):
  // then they travel once, as scalars, and the per-row arrays are empty (ROWS FROM pads them with NULLs), which
  // spares the statement a timestamptz parse per row and node two arrays (1871).
  const first = appended[0];
  let uniform = true;
  for (let i = 1; i < n && uniform; i += 1) uniform = appended[i].recordedAt === first.recordedAt && appended[i].clientId === first.clientId;
  if (uniform) {
    recordedAt.length = 0;
    clientId.length = 0;
  }
  const a = arrayParameter;
  // The data texts travel as one JSON array, joined as they are: no escaping in node (the largest column, 1851).
  // `json_array_elements` of a `json` value gives each element's text exactly as written, so storage stays byte for byte.
  const dataArray = `[${data.join(',')}]`;
  const rows = sql`rows from (unnest(${a(position)}::bigint[]), unnest(${a(eventId)}::text[]), unnest(${a(type)}::text[]), unnest(${a(occurredAt)}::text[]),
    unnest(${a(recordedAt)}::text[]), unnest(${a(clientId)}::text[]), unnest(${a(schemaVersion)}::integer[]), json_array_elements(${dataArray}::json),
    unnest(${a(personalRef)}::text[]), unnest(${a(hash)}::text[]))
    as u(position, event_id, type, occurred_at_text, recorded_at, client_id, schema_version, data, personal_ref, hash)`;
  // The first row's prev_hash is the head the write starts from; every other one is the hash before it.
  const prevHash = sql`coalesce(lag(u.hash) over (order by u.position), ${appended[0].prevHash}::text)`;
  const contactRows = sql`unnest(${a(contactIds)}::text[], ${a(contacts)}::text[]) as p(event_id, contact)`;
  const recordedAtOf = sql`case when u.recorded_at is null then ${first.recordedAt}::timestamptz else u.recorded_at::timestamptz end`;
  const clientIdOf = sql`coalesce(u.client_id, ${first.clientId}::text)`;
  return { rows, prevHash, contactRows, recordedAtOf, clientIdOf, head: appended[n - 1] };
}

/**
 * Step 5 under the lock {@link readHall} took: one round trip for the events,
 * their contacts and the new head. Data-modifying CTEs run to completion
 * whether or not the outer statement reads them, and the personal_data →
 * events foreign key, checked at the end of the statement, sees the events
 * inserted beside it.
 */
export async function writeEvents(trx: Kysely<Database>, hallId: string, appended: AppendedEvent[]): Promise<void> {
  const { rows, prevHash, contactRows, recordedAtOf, clientIdOf, head } = writeParameters(appended);
  await sql`/*prepared:append_write*/
    with inserted as (
      insert into events (hall_id, position, event_id, type, occurred_at, occurred_at_text, recorded_at, client_id,
        schema_version, data, personal_ref, hash, prev_hash)
      select ${hallId}::text, u.position, u.event_id, u.type, u.occurred_at_text::timestamptz, u.occurred_at_text,
        ${recordedAtOf}, ${clientIdOf}, u.schema_version, u.data, u.personal_ref, u.hash, ${prevHash}
      from ${rows}
    ), contacts as (
      insert into personal_data (hall_id, event_id, contact)
      select ${hallId}::text, p.event_id, p.contact from ${contactRows}
    )
    update halls set head_position = ${head.position}::bigint, head_hash = ${head.hash}::text where hall_id = ${hallId}::text`.execute(trx);
}

/** What a pipelined write did (1897). */
export type IfHeadResult =
  /** Stored, and the head moved to the write's last event. */
  | 'committed'
  /** Nothing stored: the head is another one than the write was planned on (another writer, an id stored meanwhile). */
  | 'moved'
  /**
   * Nothing stored: the head is still before the one the write was planned
   * on. The group it was planned after had not taken its head lock yet when
   * this write looked (two statements on two connections start in either
   * order), or that group did not commit. Once that group has committed, the
   * same write can be sent again.
   */
  | 'behind';

/**
 * Step 5 pipelined (1802, 1821, 1897): inserts the events first, holding
 * only the hall's append lock shared, then takes the hall row lock and moves
 * the head only if it is exactly `expected`. So a statement sent while the
 * group before it is still in flight does its inserts beside that group's and
 * then waits for it to commit: only the head update and the commit are serial.
 *
 * The order inside the one statement is forced by references: the outer
 * query reads `head`, which joins `locked` (the hall row), gated on
 * `earlier` (waits for the statement that leaves `expected`, see
 * {@link headLock}), gated on `inserted`, gated on `append_lock` (which also
 * takes this statement's own head lock); `contacts` runs after the outer
 * query (its foreign key sees the events at the statement's end). `locked` selects the row by key alone: under
 * READ COMMITTED a row lock returns the newest version after waiting, while a
 * condition on the head in the UPDATE itself would be tested against the
 * statement's snapshot (the version before the group in flight) and fail at
 * once without waiting. When the head is not `expected` the update sets a
 * NOT NULL column to NULL, which fails the statement and undoes its inserts:
 * `head_hash` when the head is still before `expected` ('behind': the group
 * before had not started, or did not commit), `head_position` otherwise
 * ('moved'; also for a hall that does not exist: nothing is inserted, no head
 * moves). A unique violation (an id or position stored meanwhile) undoes it
 * the same way and is thrown to the caller.
 */
export async function writeEventsIfHead(
  db: Kysely<Database>,
  hallId: string,
  appended: AppendedEvent[],
  expected: { headPosition: number; headHash: string },
): Promise<IfHeadResult> {
  const { rows, prevHash, contactRows, recordedAtOf, clientIdOf, head } = writeParameters(appended);
  let moved: number;
  try {
    const result = await sql<{ moved: string }>`/*prepared:append_if_head*/
      with append_lock as (
        select ${appendLockShared(hallId)}, ${headLock(hallId, head.position)} from halls where hall_id = ${hallId}::text
      ), inserted as (
        insert into events (hall_id, position, event_id, type, occurred_at, occurred_at_text, recorded_at, client_id,
          schema_version, data, personal_ref, hash, prev_hash)
        select ${hallId}::text, u.position, u.event_id, u.type, u.occurred_at_text::timestamptz, u.occurred_at_text,
          ${recordedAtOf}, ${clientIdOf}, u.schema_version, u.data, u.personal_ref, u.hash, ${prevHash}
        from ${rows}
        where exists (select from append_lock)
        returning 1
      ), earlier as (
        select ${headLock(hallId, expected.headPosition)} where (select count(*) from inserted) = ${appended.length}::bigint
      ), locked as (
        select head_position, head_hash from halls
        where hall_id = ${hallId}::text and exists (select from earlier)
        for no key update
      ), head as (
        update halls
        set head_position = case
            when l.head_position < ${expected.headPosition}::bigint then l.head_position
            when l.head_position = ${expected.headPosition}::bigint and l.head_hash = ${expected.headHash}::text then ${head.position}::bigint
          end,
          head_hash = case when l.head_position < ${expected.headPosition}::bigint then null else ${head.hash}::text end
        from locked l where halls.hall_id = ${hallId}::text
        returning 1
      ), contacts as (
        insert into personal_data (hall_id, event_id, contact)
        select ${hallId}::text, p.event_id, p.contact from ${contactRows}
        where exists (select from head)
      )
      select count(*) as moved from head`.execute(db);
    moved = Number(result.rows[0]?.moved);
  } catch (error) {
    const refused = headRefusal(error);
    if (refused) return refused;
    throw error;
  }
  // 0 only when the hall row does not exist: then nothing was inserted either.
  return moved === 1 ? 'committed' : 'moved';
}

/** The head update's NOT NULL failure: which head the statement found instead of the one it was planned on. */
function headRefusal(error: unknown): 'moved' | 'behind' | undefined {
  const e = error as { code?: unknown; table?: unknown; column?: unknown };
  if (e.code !== NOT_NULL_VIOLATION || e.table !== 'halls') return undefined;
  if (e.column === 'head_position') return 'moved';
  if (e.column === 'head_hash') return 'behind';
  return undefined;
}

const NOT_NULL_VIOLATION = '23502';

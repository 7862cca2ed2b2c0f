import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { FieldError } from '@hall/contracts';
import type { Database } from './database.ts';
import { contentHashOf, personalRefOf, splitPersonalData } from './content-fingerprint.ts';
import { canonicalJson, eventHashOfText } from './hash-chain.ts';
import { applyOrganisationEvents, organisationEventTypes } from './organisation-view.ts';
import { referencesOf, registeredField } from './references.ts';
import { emptyReferenceIds, knownEntitiesSql, referenceErrors } from './unknown-references.ts';
import type { Reference, ReferenceKind } from './references.ts';
import type { StoredEvent } from './stored-event.ts';

export interface AppendInput {
  hallId: string;
  clientId: string;
  now: Date;
  /** Already validated against the contract's zod schemas. */
  events: Array<{ id: string; type: string; occurredAt: string; data: Record<string, unknown> }>;
  /** type → schema version (contracts' `schemaVersions`); every type in `events` must be present. */
  schemaVersions: Record<string, number>;
}

export type AppendOutcome =
  | {
      ok: true;
      /** In request order. A duplicate carries the position it was first stored at. */
      results: Array<{ id: string; status: 'appended' | 'duplicate'; position: number }>;
      /** The events stored by this call, in position order. */
      appended: StoredEvent[];
    }
  | { ok: false; code: 'HALL_NOT_FOUND' | 'EVENT_ID_CONFLICT' | 'UNKNOWN_REFERENCE'; errors: FieldError[] };

/** `dataText` is `canonicalJson(data)`: hashed, and stored as it is in the `json` column (0307). */
type AppendedEvent = StoredEvent & { hallId: string; dataText: string; contentHash: string; contact: string | undefined };

type Classified =
  | { status: 'new' }
  | { status: 'duplicate'; position: number }
  | { status: 'duplicate-in-batch'; of: number };

/**
 * Most events a group carries; a larger batch goes alone. Grouping pays for
 * small appends (round trips and a commit each); large batches already
 * amortise those, and alone their database work overlaps the parsing and
 * hashing of the next batch instead of waiting for it (measured, 0305).
 */
const GROUP_EVENTS = 100;

interface Waiting {
  input: AppendInput;
  split: SplitEvent[];
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

interface StoreAppends {
  /** Per hall: batches waiting while that hall's append runs. */
  queues: Map<string, Waiting[]>;
  /** Per hall: the head as this process last committed it (see {@link appendWithKnownHead}). */
  heads: Map<string, HallHead>;
}

const perStore = new WeakMap<Kysely<Database>, StoreAppends>();

/**
 * Appends a batch in its own transaction. See {@link appendEventsInTransaction}.
 *
 * Group commit: appends of one hall are serial anyway (the hall row lock is
 * held to commit, fsync included), so batches arriving for a hall while its
 * append runs wait in this process and then go together in the next one,
 * which costs the same round trips and one commit. Each batch keeps its own
 * outcome, exactly as if the batches had gone one after the other in arrival
 * order (a rejected batch stores nothing and does not affect the others). A
 * batch arriving at an idle hall starts at once. Halls never share a
 * transaction.
 */
export function appendEvents(db: Kysely<Database>, input: AppendInput): Promise<AppendOutcome> {
  return new Promise((resolve, reject) => {
    // Done here, before waiting for the hall, so it overlaps the hall's running append.
    const split = splitBatch(input);
    let store = perStore.get(db);
    if (!store) perStore.set(db, (store = { queues: new Map(), heads: new Map() }));
    const waiting = store.queues.get(input.hallId);
    if (waiting) {
      waiting.push({ input, split, resolve, reject });
      return;
    }
    const queue: Waiting[] = [{ input, split, resolve, reject }];
    store.queues.set(input.hallId, queue);
    void drain(db, store, input.hallId, queue);
  });
}

async function drain(db: Kysely<Database>, store: StoreAppends, hallId: string, queue: Waiting[]): Promise<void> {
  while (queue.length > 0) {
    let events = queue[0].input.events.length;
    let size = 1;
    while (size < queue.length && events + queue[size].input.events.length <= GROUP_EVENTS) events += queue[size++].input.events.length;
    const group = queue.splice(0, size);
    try {
      const outcomes = await appendGroup(db, store, hallId, group);
      group.forEach((w, i) => w.resolve(outcomes[i]));
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        continue;
      }
      // A database error fails the whole group: run each batch alone so the
      // error reaches only the batch that causes it.
      for (const w of group) {
        try {
          const [outcome] = await appendGroup(db, store, hallId, [w]);
          w.resolve(outcome);
        } catch (own) {
          w.reject(own);
        }
      }
    }
  }
  store.queues.delete(hallId);
}

/** One group: one statement if this process knows the head, else the locked transaction. */
async function appendGroup(db: Kysely<Database>, store: StoreAppends, hallId: string, group: Waiting[]): Promise<AppendOutcome[]> {
  const inputs = group.map((w) => w.input);
  const split = group.map((w) => w.split);
  const known = store.heads.get(hallId);
  // Forgotten until an append commits: a failure never leaves a stale head behind.
  store.heads.delete(hallId);
  const fast = known ? await appendWithKnownHead(db, hallId, inputs, split, known) : undefined;
  if (fast) {
    store.heads.set(hallId, fast.head);
    return fast.outcomes;
  }
  const locked = await db.transaction().execute((trx) => appendLocked(trx, hallId, inputs, split));
  if (locked.head) store.heads.set(hallId, locked.head);
  return locked.outcomes;
}

/**
 * Appends a batch inside the caller's transaction (READ COMMITTED, the
 * default). Locks the hall row until the caller commits, so positions are
 * gap-free and commit in order. All or nothing: on any `ok: false` nothing
 * has been written. Round trips: one read (lock, existing ids, known
 * references), one write (events, personal data, head), plus one per
 * organisation table an organisation event touches.
 */
export async function appendEventsInTransaction(trx: Kysely<Database>, input: AppendInput): Promise<AppendOutcome> {
  const { outcomes } = await appendLocked(trx, input.hallId, [input], [splitBatch(input)]);
  return outcomes[0];
}

type SplitEvent = AppendInput['events'][number] & {
  contact: string | undefined;
  refs: Reference[];
  /** Known before the hall's salt is unless the event carries a contact (its personalRef needs the salt). */
  contentHash: string | undefined;
};

/** What can be worked out of a batch without its hall: personal data apart, references, most fingerprints. */
function splitBatch(input: AppendInput): SplitEvent[] {
  return input.events.map((e) => {
    const { data, contact } = splitPersonalData(e.type, e.data);
    const contentHash = contact === undefined ? contentHashOf({ type: e.type, occurredAt: e.occurredAt, data, personalRef: null }) : undefined;
    return { ...e, data, contact, refs: referencesOf(e.type, data), contentHash };
  });
}

/**
 * Appends several batches of one hall in the caller's transaction under the
 * hall row lock, each with its own outcome, as if appended one after the
 * other. Returns the new head too (undefined if the hall does not exist).
 */
async function appendLocked(
  trx: Kysely<Database>,
  hallId: string,
  inputs: AppendInput[],
  split: SplitEvent[][],
): Promise<{ outcomes: AppendOutcome[]; head: HallHead | undefined }> {
  const ids = new Set<string>();
  const refIds = emptyReferenceIds();
  for (const events of split) {
    for (const e of events) {
      ids.add(e.id);
      for (const ref of e.refs) refIds[ref.kind].add(ref.id);
    }
  }
  const hall = await readHall(trx, hallId, [...ids], refIds);
  if (!hall) return { outcomes: inputs.map(() => ({ ok: false, code: 'HALL_NOT_FOUND', errors: [] })), head: undefined };
  const plan = planGroup(hallId, inputs, split, hall, hall.stored);
  if (plan.appended.length > 0) await writeEvents(trx, hallId, plan.appended);
  return plan;
}

/**
 * The common case in one round trip and without an explicit transaction:
 * when this process committed the hall's last append, it knows the head
 * (position, hash, salt) and which organisation entities exist, so it can
 * compute positions and hashes before touching the database. The write
 * statement then moves the head only if it is still exactly that one
 * (compare-and-set under the row lock the UPDATE takes, held to the
 * statement's commit) and inserts the events only if it did: positions stay
 * gap-free and commit in order. Anything this path cannot decide alone goes
 * to {@link appendLocked}, which gives the same outcomes: another writer
 * moved the head, an id already stored (unique violation, the statement
 * undone), a reference it does not know, a rejected batch, or organisation
 * events (they upsert the view tables). Returns undefined for those.
 */
async function appendWithKnownHead(
  db: Kysely<Database>,
  hallId: string,
  inputs: AppendInput[],
  split: SplitEvent[][],
  known: HallHead,
): Promise<{ outcomes: AppendOutcome[]; head: HallHead } | undefined> {
  const plan = planGroup(hallId, inputs, split, { ...known, known: new Set(known.known) }, new Map());
  if (plan.appended.length === 0 || !plan.outcomes.every((o) => o.ok)) return undefined;
  if (plan.appended.some((e) => organisationEventTypes.has(e.type))) return undefined;
  const { rows, contacts, head } = writeParameters(plan.appended);
  try {
    const result = await sql<{ moved: string }>`/*prepared:append_if_head*/
      with head as (
        update halls set head_position = ${head.position}::bigint, head_hash = ${head.hash}::text
        where hall_id = ${hallId}::text and head_position = ${known.headPosition}::bigint and head_hash = ${known.headHash}::text
        returning hall_id
      ), inserted as (
        insert into events (hall_id, position, event_id, type, occurred_at, occurred_at_text, recorded_at, client_id,
          schema_version, data, personal_ref, content_hash, hash, prev_hash)
        select ${hallId}::text, u.position, u.event_id, u.type, u.occurred_at_text::timestamptz, u.occurred_at_text,
          u.recorded_at::timestamptz, u.client_id, u.schema_version, u.data::json, u.personal_ref, u.content_hash, u.hash, u.prev_hash
        from jsonb_to_recordset(${rows}::jsonb) as ${sql.raw(EVENT_RECORD)}
        where exists (select from head)
      ), contacts as (
        insert into personal_data (hall_id, event_id, contact)
        select ${hallId}::text, p.event_id, p.contact from jsonb_to_recordset(${contacts}::jsonb) as p(event_id text, contact text)
        where exists (select from head)
      )
      select count(*) as moved from head`.execute(db);
    if (Number(result.rows[0]?.moved) !== 1) return undefined;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return undefined;
    throw error;
  }
  return plan;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Decides each batch in order against the hall's head, the ids already
 * stored and the known organisation entities, computing positions and
 * hashes of what it appends. Pure: `stored` and `hall.known` grow with the
 * batches it accepts, so later batches of the group see them as stored.
 */
function planGroup(
  hallId: string,
  inputs: AppendInput[],
  split: SplitEvent[][],
  hall: HallHead,
  stored: Map<string, { position: number; contentHash: string }>,
): { outcomes: AppendOutcome[]; appended: AppendedEvent[]; head: HallHead } {
  const known = hall.known;
  let position = hall.headPosition;
  let prevHash = hall.headHash;
  const appended: AppendedEvent[] = [];

  const outcomes = inputs.map((input, k): AppendOutcome => {
    const prepared = split[k].map((e) => {
      if (e.contact === undefined) return { ...e, personalRef: null, contentHash: e.contentHash as string };
      const personalRef = personalRefOf(hall.contactSalt, e.contact);
      return { ...e, personalRef, contentHash: contentHashOf({ type: e.type, occurredAt: e.occurredAt, data: e.data, personalRef }) };
    });

    const conflicts: FieldError[] = [];
    const firstIndex = new Map<string, number>();
    const classified: Classified[] = prepared.map((e, i) => {
      const old = stored.get(e.id);
      if (old) {
        if (old.contentHash !== e.contentHash) {
          conflicts.push({ path: `/events/${i}/id`, message: `event id already stored at position ${old.position} with other content` });
        }
        return { status: 'duplicate', position: old.position };
      }
      const j = firstIndex.get(e.id);
      if (j !== undefined) {
        if (prepared[j].contentHash !== e.contentHash) {
          conflicts.push({ path: `/events/${i}/id`, message: `event id used by /events/${j} with other content` });
        }
        return { status: 'duplicate-in-batch', of: j };
      }
      firstIndex.set(e.id, i);
      return { status: 'new' };
    });
    if (conflicts.length > 0) return { ok: false, code: 'EVENT_ID_CONFLICT', errors: conflicts };

    const isNew = (i: number) => (classified[i].status === 'new' ? i : undefined);
    const unknown = referenceErrors(prepared, known, isNew);
    if (unknown.length > 0) return { ok: false, code: 'UNKNOWN_REFERENCE', errors: unknown };
    prepared.forEach((e, i) => {
      const registers = registeredField[e.type];
      if (registers && isNew(i) !== undefined) known.add(`${registers.kind}:${String(e.data[registers.field])}`);
    });

    const recordedAt = input.now.toISOString();
    const ownStart = appended.length;
    const positionOf = new Map<number, number>();
    const results = prepared.map((e, i) => {
      const c = classified[i];
      if (c.status === 'duplicate') return { id: e.id, status: 'duplicate' as const, position: c.position };
      if (c.status === 'duplicate-in-batch') {
        // `of` is always an event this call appends (a stored id is a 'duplicate').
        return { id: e.id, status: 'duplicate' as const, position: positionOf.get(c.of) as number };
      }
      const schemaVersion = input.schemaVersions[e.type];
      if (schemaVersion === undefined) throw new Error(`no schema version for event type ${e.type}`);
      position += 1;
      positionOf.set(i, position);
      const body = {
        hallId,
        position,
        id: e.id,
        type: e.type,
        occurredAt: e.occurredAt,
        recordedAt,
        clientId: input.clientId,
        schemaVersion,
        data: e.data,
        personalRef: e.personalRef,
      };
      const dataText = canonicalJson(e.data);
      const hash = eventHashOfText(prevHash, body, hallId, dataText);
      appended.push({ ...body, hash, prevHash, dataText, contentHash: e.contentHash, contact: e.contact });
      prevHash = hash;
      return { id: e.id, status: 'appended' as const, position };
    });

    const own = appended.slice(ownStart);
    for (const e of own) stored.set(e.id, { position: e.position, contentHash: e.contentHash });
    return { ok: true, results, appended: own.map(({ contentHash: _c, contact: _p, hallId: _h, dataText: _d, ...event }) => event) };
  });

  return { outcomes, appended, head: { headPosition: position, headHash: prevHash, contactSalt: hall.contactSalt, known } };
}

/** What an append needs to know of its hall besides the ids already stored. */
interface HallHead {
  headPosition: number;
  headHash: string;
  contactSalt: string;
  /** `kind:id` of organisation entities the hall has (the ones asked about or registered since). */
  known: Set<string>;
}

interface HallRead extends HallHead {
  stored: Map<string, { position: number; contentHash: string }>;
}

/**
 * One round trip: locks the hall row (held to commit) and reads its head, the
 * given ids already stored and which referenced organisation entities exist.
 *
 * Under READ COMMITTED the lock returns the newest row version after waiting
 * for a previous holder, but the rest of the statement reads the snapshot
 * taken before that wait and would miss what the previous holder committed.
 * The statement therefore also reads the head from its snapshot: if the two
 * differ, it runs again, and the second run (the lock already held, nothing
 * can commit in between) sees everything. Within this process appends of a
 * hall are already serial (group commit), so the rerun is rare.
 */
async function readHall(
  trx: Kysely<Database>,
  hallId: string,
  ids: string[],
  refIds: Record<ReferenceKind, Set<string>>,
): Promise<HallRead | undefined> {
  for (;;) {
    const { rows } = await sql<{
      head_position: string;
      snapshot_head: string;
      head_hash: string;
      contact_salt: string;
      stored: Array<[string, number, string]>;
      known: string[];
    }>`/*prepared:append_read_hall*/
      with locked as (
        select head_position, head_hash, contact_salt from halls where hall_id = ${hallId} for update
      )
      select l.head_position, l.head_hash, l.contact_salt,
        (select head_position from halls where hall_id = ${hallId}) as snapshot_head,
        (select coalesce(json_agg(json_build_array(event_id, position, content_hash)), '[]')
           from events where hall_id = ${hallId} and event_id = any(${ids}::text[])) as stored,
        ${knownEntitiesSql(hallId, refIds)} as known
      from locked l`.execute(trx);
    const row = rows[0];
    if (!row) return undefined;
    if (row.snapshot_head !== row.head_position) continue;
    return {
      headPosition: Number(row.head_position),
      headHash: row.head_hash,
      contactSalt: row.contact_salt,
      stored: new Map(row.stored.map(([id, position, contentHash]) => [id, { position: Number(position), contentHash }])),
      known: new Set(row.known),
    };
  }
}

/**
 * One round trip for the events, their contacts and the new head: data-
 * modifying CTEs run to completion whether or not the outer statement reads
 * them, and the personal_data → events foreign key, checked at the end of the
 * statement, sees the events inserted beside it. One jsonb parameter per
 * table: the statement text is the same for 1 or 1000 events (so it can be a
 * prepared statement) and PostgreSQL's 65535-parameter limit never applies.
 */
/** Column list of the events jsonb recordset (shared by both write statements). */
const EVENT_RECORD = `u(position bigint, event_id text, type text, occurred_at_text text, recorded_at text, client_id text,
  schema_version integer, data text, personal_ref text, content_hash text, hash text, prev_hash text)`;

/**
 * One jsonb parameter per table: the statement text is the same for 1 or
 * 1000 events (so it can be a prepared statement) and PostgreSQL's
 * 65535-parameter limit never applies.
 */
function writeParameters(appended: AppendedEvent[]): { rows: string; contacts: string; head: AppendedEvent } {
  const rows = JSON.stringify(
    appended.map((e) => ({
      position: e.position,
      event_id: e.id,
      type: e.type,
      occurred_at_text: e.occurredAt,
      recorded_at: e.recordedAt,
      client_id: e.clientId,
      schema_version: e.schemaVersion,
      // The canonical text itself, a JSON string: stored byte for byte in the json column (0307).
      data: e.dataText,
      personal_ref: e.personalRef,
      content_hash: e.contentHash,
      hash: e.hash,
      prev_hash: e.prevHash,
    })),
  );
  const contacts = JSON.stringify(appended.filter((e) => e.contact !== undefined).map((e) => ({ event_id: e.id, contact: e.contact })));
  return { rows, contacts, head: appended[appended.length - 1] };
}

/**
 * One round trip for the events, their contacts and the new head, under the
 * lock {@link readHall} took: data-modifying CTEs run to completion whether
 * or not the outer statement reads them, and the personal_data → events
 * foreign key, checked at the end of the statement, sees the events inserted
 * beside it.
 */
async function writeEvents(trx: Kysely<Database>, hallId: string, appended: AppendedEvent[]): Promise<void> {
  const { rows, contacts, head } = writeParameters(appended);
  await sql`/*prepared:append_write*/
    with inserted as (
      insert into events (hall_id, position, event_id, type, occurred_at, occurred_at_text, recorded_at, client_id,
        schema_version, data, personal_ref, content_hash, hash, prev_hash)
      select ${hallId}::text, u.position, u.event_id, u.type, u.occurred_at_text::timestamptz, u.occurred_at_text,
        u.recorded_at::timestamptz, u.client_id, u.schema_version, u.data::json, u.personal_ref, u.content_hash, u.hash, u.prev_hash
      from jsonb_to_recordset(${rows}::jsonb) as ${sql.raw(EVENT_RECORD)}
    ), contacts as (
      insert into personal_data (hall_id, event_id, contact)
      select ${hallId}::text, p.event_id, p.contact from jsonb_to_recordset(${contacts}::jsonb) as p(event_id text, contact text)
    )
    update halls set head_position = ${head.position}::bigint, head_hash = ${head.hash}::text where hall_id = ${hallId}::text`.execute(trx);

  const org = appended.filter((e) => organisationEventTypes.has(e.type));
  if (org.length > 0) await applyOrganisationEvents(trx, hallId, org);
}

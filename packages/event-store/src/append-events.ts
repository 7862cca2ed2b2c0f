import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { FieldError } from '@hall/contracts';
import type { Database } from './database.ts';
import { contentHashOf, personalRefOf, splitPersonalData } from './content-fingerprint.ts';
import { eventHash } from './hash-chain.ts';
import { applyOrganisationEvents, organisationEventTypes } from './organisation-view.ts';
import { referencesOf, registeredField } from './references.ts';
import type { ReferenceKind } from './references.ts';
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

type AppendedEvent = StoredEvent & { hallId: string; contentHash: string; contact: string | undefined };

type Classified =
  | { status: 'new' }
  | { status: 'duplicate'; position: number }
  | { status: 'duplicate-in-batch'; of: number };

/**
 * Appends a batch in its own transaction. See {@link appendEventsInTransaction}.
 */
export function appendEvents(db: Kysely<Database>, input: AppendInput): Promise<AppendOutcome> {
  return db.transaction().execute((trx) => appendEventsInTransaction(trx, input));
}

/**
 * Appends a batch inside the caller's transaction (READ COMMITTED, the
 * default: every statement here must see rows committed while it waited for
 * the hall's lock). Locks the hall row until the caller commits, so positions
 * are gap-free and commit in order. All or nothing: on any `ok: false`
 * nothing has been written. Round trips: lock, existing ids, (unknown
 * references), one INSERT of all events, (personal data), (organisation
 * view), head update.
 */
export async function appendEventsInTransaction(trx: Kysely<Database>, input: AppendInput): Promise<AppendOutcome> {
  const { hallId, events } = input;
  const hall = await trx
    .selectFrom('halls')
    .select(['head_position', 'head_hash', 'contact_salt'])
    .where('hall_id', '=', hallId)
    .forUpdate()
    .executeTakeFirst();
  if (!hall) return { ok: false, code: 'HALL_NOT_FOUND', errors: [] };

  const prepared = events.map((e) => {
    const { data, contact } = splitPersonalData(e.type, e.data);
    const personalRef = contact === undefined ? null : personalRefOf(hall.contact_salt, contact);
    return { ...e, data, contact, personalRef, contentHash: contentHashOf({ ...e, data, personalRef }) };
  });

  const ids = [...new Set(events.map((e) => e.id))];
  const stored = new Map(
    (ids.length === 0
      ? []
      : await trx
          .selectFrom('events')
          .select(['event_id', 'position', 'content_hash'])
          .where('hall_id', '=', hallId)
          .where(sql<boolean>`event_id = any(${ids}::text[])`)
          .execute()
    ).map((row) => [row.event_id, { position: Number(row.position), contentHash: row.content_hash }]),
  );

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

  const unknown = await findUnknownReferences(trx, hallId, prepared, classified);
  if (unknown.length > 0) return { ok: false, code: 'UNKNOWN_REFERENCE', errors: unknown };

  let position = Number(hall.head_position);
  let prevHash = hall.head_hash;
  const recordedAt = input.now.toISOString();
  const appended: AppendedEvent[] = [];
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
    const hash = eventHash(prevHash, body);
    appended.push({ ...body, hash, prevHash, contentHash: e.contentHash, contact: e.contact });
    prevHash = hash;
    return { id: e.id, status: 'appended' as const, position };
  });

  if (appended.length > 0) await writeEvents(trx, hallId, input.clientId, input.now, appended);

  return {
    ok: true,
    results,
    appended: appended.map(({ contentHash: _c, contact: _p, hallId: _h, ...event }) => event),
  };
}

async function findUnknownReferences(
  trx: Kysely<Database>,
  hallId: string,
  prepared: Array<{ type: string; data: Record<string, unknown> }>,
  classified: Classified[],
): Promise<FieldError[]> {
  const registered = new Set<string>();
  const pending: Array<{ kind: ReferenceKind; id: string; path: string }> = [];
  prepared.forEach((e, i) => {
    if (classified[i].status !== 'new') return;
    for (const ref of referencesOf(e.type, e.data)) {
      if (!registered.has(`${ref.kind}:${ref.id}`)) pending.push({ ...ref, path: `/events/${i}/data${ref.path}` });
    }
    const registers = registeredField[e.type];
    if (registers) registered.add(`${registers.kind}:${String(e.data[registers.field])}`);
  });
  if (pending.length === 0) return [];

  const idsOf = (kind: ReferenceKind) => [...new Set(pending.filter((r) => r.kind === kind).map((r) => r.id))];
  const { rows } = await sql<{ kind: ReferenceKind; id: string }>`
    select 'department' as kind, department_id as id from departments
      where hall_id = ${hallId} and department_id = any(${idsOf('department')}::text[])
    union all
    select 'window', window_id from windows
      where hall_id = ${hallId} and window_id = any(${idsOf('window')}::text[])
    union all
    select 'staff', staff_id from staff
      where hall_id = ${hallId} and staff_id = any(${idsOf('staff')}::text[])
    union all
    select 'service_item', service_item_id from service_items
      where hall_id = ${hallId} and service_item_id = any(${idsOf('service_item')}::text[])
  `.execute(trx);
  const known = new Set(rows.map((r) => `${r.kind}:${r.id}`));
  return pending
    .filter((r) => !known.has(`${r.kind}:${r.id}`))
    .map((r) => ({ path: r.path, message: `unknown ${r.kind.replace('_', ' ')} "${r.id}"` }));
}

async function writeEvents(
  trx: Kysely<Database>,
  hallId: string,
  clientId: string,
  now: Date,
  appended: AppendedEvent[],
): Promise<void> {
  // One parameter for the whole batch: the statement text is the same for 1
  // or 1000 events, and PostgreSQL's 65535-parameter limit never applies.
  const rows = JSON.stringify(
    appended.map((e) => ({
      position: e.position,
      event_id: e.id,
      type: e.type,
      occurred_at_text: e.occurredAt,
      schema_version: e.schemaVersion,
      data: e.data,
      personal_ref: e.personalRef,
      content_hash: e.contentHash,
      hash: e.hash,
      prev_hash: e.prevHash,
    })),
  );
  await trx
    .insertInto('events')
    .columns([
      'hall_id',
      'position',
      'event_id',
      'type',
      'occurred_at',
      'occurred_at_text',
      'recorded_at',
      'client_id',
      'schema_version',
      'data',
      'personal_ref',
      'content_hash',
      'hash',
      'prev_hash',
    ])
    .expression(
      sql`select ${hallId}::text, u.position, u.event_id, u.type, u.occurred_at_text::timestamptz, u.occurred_at_text,
            ${now}::timestamptz, ${clientId}::text, u.schema_version, u.data, u.personal_ref, u.content_hash, u.hash, u.prev_hash
          from jsonb_to_recordset(${rows}::jsonb) as u(position bigint, event_id text, type text, occurred_at_text text,
            schema_version integer, data jsonb, personal_ref text, content_hash text, hash text, prev_hash text)`,
    )
    .execute();

  const personal = appended.filter((e) => e.contact !== undefined);
  if (personal.length > 0) {
    await trx
      .insertInto('personal_data')
      .values(personal.map((e) => ({ hall_id: hallId, event_id: e.id, contact: e.contact as string })))
      .execute();
  }

  const org = appended.filter((e) => organisationEventTypes.has(e.type));
  if (org.length > 0) await applyOrganisationEvents(trx, hallId, org);

  const head = appended[appended.length - 1];
  await trx
    .updateTable('halls')
    .set({ head_position: head.position, head_hash: head.hash })
    .where('hall_id', '=', hallId)
    .execute();
}

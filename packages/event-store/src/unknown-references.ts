import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './database.ts';
import { referencesOf, registeredField, type Reference, type ReferenceKind } from './references.ts';
import type { FieldError } from '@hall/contracts';
import { splitPersonalData } from './content-fingerprint.ts';

export type ReferenceIds = Record<ReferenceKind, Set<string>>;

export function emptyReferenceIds(): ReferenceIds {
  return { department: new Set(), window: new Set(), staff: new Set(), service_item: new Set() };
}

/** `kind:id` of the entities among `ids` that the hall has registered (a subquery returning one text array). */
export function knownEntitiesSql(hallId: string, ids: ReferenceIds): RawBuilder<string[]> {
  return sql<string[]>`array(
    select 'department:' || department_id from departments
      where hall_id = ${hallId} and department_id = any(${[...ids.department]}::text[])
    union all
    select 'window:' || window_id from windows
      where hall_id = ${hallId} and window_id = any(${[...ids.window]}::text[])
    union all
    select 'staff:' || staff_id from staff
      where hall_id = ${hallId} and staff_id = any(${[...ids.staff]}::text[])
    union all
    select 'service_item:' || service_item_id from service_items
      where hall_id = ${hallId} and service_item_id = any(${[...ids.service_item]}::text[])
  )`;
}

/**
 * One error per reference to an entity neither `known` nor registered by an
 * earlier event of the batch, in batch order. `indexOf(i)` is event i's place
 * in the request (for the JSON Pointer), or undefined to pass it over (a
 * duplicate, which registers nothing either).
 */
export function referenceErrors(
  events: ReadonlyArray<{ type: string; data: Record<string, unknown>; refs: readonly Reference[] }>,
  known: ReadonlySet<string>,
  indexOf: (i: number) => number | undefined,
): FieldError[] {
  const registered = new Set<string>();
  const errors: FieldError[] = [];
  events.forEach((e, i) => {
    const index = indexOf(i);
    if (index === undefined) return;
    for (const ref of e.refs) {
      const key = `${ref.kind}:${ref.id}`;
      if (!known.has(key) && !registered.has(key)) {
        errors.push({ path: `/events/${index}/data${ref.path}`, message: `unknown ${ref.kind.replace('_', ' ')} "${ref.id}"` });
      }
    }
    const registers = registeredField[e.type];
    if (registers) registered.add(`${registers.kind}:${String(e.data[registers.field])}`);
  });
  return errors;
}

/**
 * The reference errors of a batch, read without appending (no lock): for a
 * batch already rejected for other reasons, so its 422 names every bad field
 * at once. The append itself checks again under the hall's lock.
 */
export async function unknownReferences(
  db: Kysely<Database>,
  hallId: string,
  events: ReadonlyArray<{ index: number; type: string; data: Record<string, unknown> }>,
): Promise<FieldError[]> {
  const withRefs = events.map((e) => ({ ...e, refs: referencesOf(e.type, splitPersonalData(e.type, e.data).data) }));
  const ids = emptyReferenceIds();
  for (const e of withRefs) for (const ref of e.refs) ids[ref.kind].add(ref.id);
  const { rows } = await sql<{ known: string[] }>`select ${knownEntitiesSql(hallId, ids)} as known`.execute(db);
  return referenceErrors(withRefs, new Set(rows[0]?.known ?? []), (i) => withRefs[i]!.index);
}

import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import { canonicalJson, eventHashOfText } from './hash-chain.ts';
import { readAhead } from './read-events.ts';
import { recordedAtIso } from './recorded-at.ts';
import type { StoredEvent } from './stored-event.ts';

/**
 * One stored event as a chain walk reads it: a plain array in the column
 * order of the statement below, `data` as the text stored in the `json`
 * column, unparsed. Arrays, not objects: pg builds no keyed row, and the walk
 * parses `data` only for the few events it must look into (0307).
 */
export type ChainRow = [
  position: string,
  id: string,
  type: string,
  occurredAt: string,
  recordedAt: string,
  clientId: string,
  schemaVersion: number,
  dataText: string,
  personalRef: string | null,
  hash: string,
  prevHash: string,
];

// `:array` asks connect.ts for rows as arrays; `data::text` of a json column is its stored text.
const CHAIN_COLUMNS =
  'position, event_id, type, occurred_at_text, recorded_at::text, client_id, schema_version, data::text, personal_ref, hash, prev_hash';
const READ_CHAIN = `/*prepared:read_chain:array*/ select ${CHAIN_COLUMNS} from events where hall_id = $1 and position > $2 and position <= $3 order by position limit $4`;

/** Rows after `after` through `through` (inclusive), at most `limit`, in position order; see {@link ChainRow}. */
export async function readChainRows(
  db: Kysely<Database>,
  hallId: string,
  opts: { after: number; through: number; limit: number },
): Promise<ChainRow[]> {
  const { rows } = await db.executeQuery<ChainRow>(CompiledQuery.raw(READ_CHAIN, [hallId, opts.after, opts.through, opts.limit]));
  return rows;
}

/** {@link readChainRows} through `through` in pages of `batchSize` (default 5000), the next page read while the walk hashes this one. */
export function streamChainRows(
  db: Kysely<Database>,
  hallId: string,
  opts: { after?: number; through: number; batchSize?: number },
): AsyncIterable<ChainRow[]> {
  const limit = opts.batchSize ?? 5000;
  return readAhead((after) => readChainRows(db, hallId, { after, limit, through: opts.through }), (r) => Number(r[0]), { ...opts, limit });
}

/**
 * The hash a row must carry after `prevHash`. The stored data text is hashed
 * as it is: the store writes `canonicalJson(data)` into the json column, so
 * for every row it wrote this is the chain's own definition, and a match
 * proves (SHA-256 being collision resistant) that the text is that canonical
 * form. A row whose text is not canonical — written before 0307 as jsonb's
 * text, or re-formatted since — gets its canonical form computed and hashed
 * instead, so equal content still verifies and changed content does not.
 */
export function chainRowHashMatches(prevHash: string, hallId: string, row: ChainRow): boolean {
  const fields = hashedFields(row);
  const stored = row[9];
  if (eventHashOfText(prevHash, fields, hallId, row[7]) === stored) return true;
  let canonical: string;
  try {
    canonical = canonicalJson(JSON.parse(row[7]));
  } catch {
    return false;
  }
  return canonical !== row[7] && eventHashOfText(prevHash, fields, hallId, canonical) === stored;
}

/** The hashed fields of a row but `data` and the hall. */
function hashedFields(row: ChainRow) {
  return {
    position: Number(row[0]),
    id: row[1],
    type: row[2],
    occurredAt: row[3],
    recordedAt: recordedAtIso(row[4]),
    clientId: row[5],
    schemaVersion: row[6],
    personalRef: row[8],
  };
}

/** The row as the store's readers return it (parses `data`). */
export function chainRowEvent(row: ChainRow): StoredEvent {
  return { ...hashedFields(row), data: JSON.parse(row[7]) as Record<string, unknown>, hash: row[9], prevHash: row[10] };
}

import { createHash } from 'node:crypto';
import type pg from 'pg';
import { schemaVersions } from '@hall/contracts';
import { canonicalJson, eventHash } from '@hall/event-store';

const WINDOWS = 20;
const STAFF = 40;

export type Row = { id: string; type: string; occurredAt: string; data: Record<string, unknown> };

/** A hall's organisation, then January's queue traffic: tickets issued, called, served, completed, some rated, a few inspected. */
export function* hallEvents(hallId: string, count: number): Generator<Row> {
  yield* organisationEvents(hallId);
  yield* queueTraffic(hallId, count - (2 + WINDOWS + 2 * STAFF), Date.parse('2026-01-01T00:30:00Z'), 0);
}

/** The hall's department, service item, windows and staff (2 + 20 + 2 × 40 events), on 1 January 2026. */
export function* organisationEvents(hallId: string): Generator<Row> {
  const at = (ms: number) => new Date(ms).toISOString();
  const jan1 = Date.parse('2026-01-01T00:30:00Z'); // 08:30 in the hall
  yield { id: `${hallId}-d1`, type: 'DepartmentRegistered', occurredAt: at(jan1), data: { departmentId: 'd1', name: 'Civil affairs' } };
  yield { id: `${hallId}-si1`, type: 'ServiceItemRegistered', occurredAt: at(jan1), data: { serviceItemId: 'si1', name: 'Licence', departmentId: 'd1', committedWorkingDays: 5 } };
  for (let w = 1; w <= WINDOWS; w += 1) {
    const windowId = `w${String(w).padStart(2, '0')}`;
    yield { id: `${hallId}-${windowId}`, type: 'WindowOpened', occurredAt: at(jan1), data: { windowId, number: String(w), name: `Window ${w}`, departmentId: 'd1', kind: w % 2 ? 'approval' : 'public_service' } };
  }
  for (let s = 1; s <= STAFF; s += 1) {
    const staffId = `s${String(s).padStart(2, '0')}`;
    yield { id: `${hallId}-${staffId}`, type: 'StaffRegistered', occurredAt: at(jan1), data: { staffId, name: `Staff ${s}`, departmentId: 'd1' } };
    yield { id: `${hallId}-${staffId}-a`, type: 'StaffAssigned', occurredAt: at(jan1), data: { staffId, windowId: `w${String(((s - 1) % WINDOWS) + 1).padStart(2, '0')}`, post: s <= WINDOWS ? 'A' : 'B' } };
  }
}

/**
 * `count` events of queue traffic over the `spanDays` days from `start`: tickets
 * issued, called, served, completed, a third rated, a few inspected; ticket
 * numbers from `firstTicket` (so months of one hall never share an id).
 */
export function* queueTraffic(hallId: string, count: number, start: number, firstTicket: number, spanDays = 30): Generator<Row> {
  const at = (ms: number) => new Date(ms).toISOString();
  const jan1 = start;
  let n = 0;
  const span = spanDays * 86_400_000;
  for (let t = firstTicket; n < count; t += 1) {
    const w = (t % WINDOWS) + 1;
    const windowId = `w${String(w).padStart(2, '0')}`;
    const staffId = `s${String(w).padStart(2, '0')}`;
    const ticketId = `t${t}`;
    const base = jan1 + Math.floor((t * 7919) % span);
    const steps: Row[] = [
      { id: `${hallId}-${t}-i`, type: 'TicketIssued', occurredAt: at(base), data: { ticketId, number: `A${t % 1000}`, serviceItemId: 'si1' } },
      { id: `${hallId}-${t}-c`, type: 'TicketCalled', occurredAt: at(base + 60_000), data: { ticketId, windowId, staffId } },
      { id: `${hallId}-${t}-s`, type: 'ServiceStarted', occurredAt: at(base + 90_000), data: { ticketId, windowId, staffId } },
      { id: `${hallId}-${t}-e`, type: 'ServiceCompleted', occurredAt: at(base + 600_000), data: { ticketId, windowId, staffId, outcome: 'completed' } },
    ];
    if (t % 3 === 0) steps.push({ id: `${hallId}-${t}-r`, type: 'RatingSubmitted', occurredAt: at(base + 660_000), data: { ratingId: `r${t}`, level: t % 40 === 0 ? 2 : 5, channel: 'kiosk', windowId, staffId, ticketId } });
    if (t % 500 === 0) steps.push({ id: `${hallId}-${t}-x`, type: 'InspectionRecorded', occurredAt: at(base + 700_000), data: { inspectionId: `x${t}`, inspectorId: 'i1', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId, staffId }] } });
    for (const step of steps) {
      if (n >= count) return;
      n += 1;
      yield step;
    }
  }
}

/** Appends a hall's events after its head with a chain computed here, 10,000 rows per INSERT. */
export async function seedHall(pool: pg.Pool, hallId: string, count: number): Promise<void> {
  await seedRows(pool, hallId, hallEvents(hallId, count));
}

/** Appends `events` after the hall's head, chained, 10,000 rows per INSERT. */
export async function seedRows(pool: pg.Pool, hallId: string, events: Iterable<Row>): Promise<void> {
  const { rows } = await pool.query<{ head_position: string; head_hash: string }>('select head_position, head_hash from halls where hall_id = $1', [hallId]);
  let position = Number(rows[0]!.head_position);
  let prevHash = rows[0]!.head_hash;
  const recordedAt = '2026-02-01T00:00:00.000Z';
  const cols: unknown[][] = Array.from({ length: 13 }, () => []);
  const flush = async () => {
    if (cols[0]!.length === 0) return;
    await pool.query(
      `insert into events (hall_id, position, event_id, type, occurred_at, occurred_at_text, recorded_at, client_id, schema_version, data, personal_ref, content_hash, hash, prev_hash)
       select $1, * from unnest($2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::timestamptz[], $8::text[], $9::int[], $10::json[], $11::text[], $12::text[], $13::text[], $14::text[])`,
      [hallId, ...cols],
    );
    for (const c of cols) c.length = 0;
  };
  for (const e of events) {
    position += 1;
    const schemaVersion = schemaVersions[e.type as keyof typeof schemaVersions] ?? 1;
    const body = { hallId, position, id: e.id, type: e.type, occurredAt: e.occurredAt, recordedAt, clientId: 'bench', schemaVersion, data: e.data, personalRef: null };
    const hash = eventHash(prevHash, body);
    const values = [position, e.id, e.type, e.occurredAt, e.occurredAt, recordedAt, 'bench', schemaVersion, canonicalJson(e.data), null, createHash('sha256').update(e.id).digest('hex'), hash, prevHash];
    values.forEach((v, i) => cols[i]!.push(v));
    prevHash = hash;
    if (cols[0]!.length >= 10_000) await flush();
  }
  await flush();
  await pool.query('update halls set head_position = $2, head_hash = $3 where hall_id = $1', [hallId, position, prevHash]);
}


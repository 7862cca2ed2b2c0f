import { sql, type Kysely } from 'kysely';
import { canonicalJson, type Database, type Store, type StoredEvent } from '@hall/event-store';
import { applyOrganisationEvents, organisationEventTypes } from '@hall/assessment';
import type { HistoryVerification } from '@hall/assessment';
import { insertCheckpoint } from '@hall/assessment';
import { keyRingOf } from '@hall/assessment';
import { registerPublicKey } from '@hall/assessment';
import { verifierFromPublicKey, type AuditVerifier } from '@hall/assessment';
import { verifyHall } from '@hall/assessment';
import { insertPublishedDocuments } from '@hall/assessment';
import { BACKUP_ROW_TABLES, type BackupRowTable } from './backup-tables.ts';
import { readExportLines, type ExportHeader } from './export-file.ts';
import { UsageError } from './open-store.ts';
import { Progress } from './progress.ts';
import { rebuild } from './rebuild.command.ts';

/** The backup does not verify, or does not fit this database: nothing was written. */
export class RestoreError extends Error {
  override readonly name = 'RestoreError';
  constructor(
    message: string,
    readonly verification?: HistoryVerification,
  ) {
    super(message);
  }
}

type BackupEvent = StoredEvent & { contentHash?: string };
const BATCH = 2000;

/**
 * `pnpm cli hall restore --from FILE`: writes a `hall backup` file into a
 * database that does not have the hall, in one transaction: the hall row,
 * checkpoints, events (with the organisation tables the append keeps beside
 * them), contacts, publications, client token hashes and the public keys
 * that signed the checkpoints. Then, still inside it, walks the chain and
 * checks every checkpoint with the key it names; anything broken rolls the
 * whole restore back. After the commit the score views are re-projected.
 */
export async function restoreHall(store: Store, file: string, serviceKey: AuditVerifier | undefined): Promise<{ hallId: string; events: number; rows: number; verification: HistoryVerification }> {
  const restored = await store.db.transaction().execute(async (trx) => {
    let header: ExportHeader | undefined;
    let events: BackupEvent[] = [];
    const rows = new Map<BackupRowTable, Array<Record<string, unknown>>>();
    const counts = { events: 0, rows: 0 };
    let progress: Progress | undefined;
    const flushEvents = async () => {
      if (!header || events.length === 0) return;
      await insertEvents(trx, header.hallId, events);
      counts.events += events.length;
      progress?.update(counts.events);
      events = [];
    };

    for await (const line of readExportLines(file)) {
      if (line.kind === 'header') {
        if (line.format !== 'hall-backup/1') throw new UsageError(`${file}: ${line.format} is an audit export, not a backup (pnpm cli hall backup): it lacks contacts, publications and clients`);
        header = line;
        progress = new Progress(`restore ${line.hallId}`, line.headPosition);
        continue;
      }
      if (!header) throw new UsageError(`${file}: no header line: not a backup of pnpm cli hall backup`);
      if (line.kind === 'row' && line.table === 'halls') {
        await insertHall(trx, header.hallId, line.row);
      } else if (line.kind === 'checkpoint') {
        const { kind: _k, ...c } = line;
        await insertCheckpoint(trx, c);
      } else if (line.kind === 'event') {
        const { kind: _k, ...e } = line;
        events.push(e);
        if (events.length >= BATCH) await flushEvents();
      } else if (line.kind === 'row') {
        await flushEvents();
        const list = rows.get(line.table as BackupRowTable) ?? [];
        list.push(line.row);
        rows.set(line.table as BackupRowTable, list);
      }
    }
    await flushEvents();
    if (!header) throw new UsageError(`${file}: empty`);
    for (const table of BACKUP_ROW_TABLES) {
      const list = rows.get(table) ?? [];
      for (let i = 0; i < list.length; i += BATCH) await insertRows(trx, table, list.slice(i, i + BATCH));
      counts.rows += list.length;
    }
    // Published documents are not in the backup: they are the period_versions rows, one per subject (decision 1811).
    await insertPublishedDocuments(trx, header.hallId);
    progress?.finish();

    const keys = [...(header.publicKeys ?? []), ...(header.publicKey ? [{ publicKey: header.publicKey }] : [])].map((k) => verifierFromPublicKey(k.publicKey));
    const now = new Date();
    for (const key of keys) await registerPublicKey(trx, key, now);
    const current = serviceKey ?? keys.at(-1);
    if (!current) throw new RestoreError(`${file}: no public key in the backup and no service key to check its checkpoints with`);
    const verification = await verifyHall(trx, header.hallId, keyRingOf(current, keys));
    if (!verification.ok || verification.headHash !== header.headHash) {
      throw new RestoreError(`${file}: the restored history does not verify (first broken position ${verification.firstBrokenPosition ?? 'none'}); nothing was written`, verification);
    }
    return { hallId: header.hallId, ...counts, verification };
  });
  await rebuild(store, [restored.hallId]);
  return restored;
}

async function insertHall(trx: Kysely<Database>, hallId: string, row: Record<string, unknown>): Promise<void> {
  if (row.hall_id !== hallId) throw new UsageError(`the hall row names ${String(row.hall_id)}, the header ${hallId}`);
  const exists = await trx.selectFrom('halls').select('hall_id').where('hall_id', '=', hallId).executeTakeFirst();
  if (exists) throw new RestoreError(`hall ${hallId} already exists here: restore into a database without it`);
  await sql`insert into halls select * from jsonb_populate_record(null::halls, ${JSON.stringify(row)}::jsonb)`.execute(trx);
}

/** Rows as `to_jsonb` wrote them, back through `jsonb_populate_recordset`: every column type round-trips. */
async function insertRows(trx: Kysely<Database>, table: BackupRowTable, rows: Array<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  await sql`insert into ${sql.table(table)} select * from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`.execute(trx);
}

/**
 * Events as the append writes them: the data column gets the canonical text
 * the hash covers (0307), byte for byte; the organisation tables follow.
 */
async function insertEvents(trx: Kysely<Database>, hallId: string, events: BackupEvent[]): Promise<void> {
  const rows = JSON.stringify(
    events.map((e) => {
      if (!e.contentHash) throw new UsageError(`event ${e.position} has no contentHash: not a backup of pnpm cli hall backup`);
      return {
        position: e.position,
        event_id: e.id,
        type: e.type,
        occurred_at_text: e.occurredAt,
        recorded_at: e.recordedAt,
        client_id: e.clientId,
        schema_version: e.schemaVersion,
        data: canonicalJson(e.data),
        personal_ref: e.personalRef,
        content_hash: e.contentHash,
        hash: e.hash,
        prev_hash: e.prevHash,
      };
    }),
  );
  await sql`
    insert into events (hall_id, position, event_id, type, occurred_at, occurred_at_text, recorded_at, client_id,
      schema_version, data, personal_ref, content_hash, hash, prev_hash)
    select ${hallId}::text, u.position, u.event_id, u.type, u.occurred_at_text::timestamptz, u.occurred_at_text,
      u.recorded_at::timestamptz, u.client_id, u.schema_version, u.data::json, u.personal_ref, u.content_hash, u.hash, u.prev_hash
    from jsonb_to_recordset(${rows}::jsonb) as u(position bigint, event_id text, type text, occurred_at_text text, recorded_at text,
      client_id text, schema_version integer, data text, personal_ref text, content_hash text, hash text, prev_hash text)`.execute(trx);
  const org = events.filter((e) => organisationEventTypes.has(e.type));
  if (org.length > 0) await applyOrganisationEvents(trx, hallId, org);
}

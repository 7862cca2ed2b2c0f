import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClientRow, Database } from './database.ts';

export interface NewClient {
  hallId: string;
  name: string;
  role: string;
  windowId?: string;
  section?: string;
  /** Role staff: the person the token reads for. */
  staffId?: string;
  /** Defaults to the current time. */
  now?: Date;
}

const TOKEN = /^hat_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Where a token points: its hall and client, read from the token itself (no global index). */
export function parseClientToken(token: string): { hallId: string; clientId: string } | undefined {
  const m = TOKEN.exec(token);
  if (m === null) return undefined;
  const hallId = Buffer.from(m[1], 'base64url').toString('utf8');
  if (Buffer.from(hallId, 'utf8').toString('base64url') !== m[1]) return undefined;
  // No hall id holds NUL (PostgreSQL text cannot): looking one up would fail in the database, not miss.
  if (hallId.includes('\u0000')) return undefined;
  return { hallId, clientId: m[2] };
}

export type CreateClientOutcome = { ok: true; clientId: string; token: string } | { ok: false; code: 'CLIENT_NAME_TAKEN' };

/**
 * Registers a client of a hall and returns its token, shown this once; only
 * its sha256 is stored. Token format: `hat_<base64url(hallId)>.<clientId>.<secret>`
 * with a 256-bit secret, so a token leads to its hall's shard and row without a
 * global lookup. Throws for an unknown hall (check the hall first).
 *
 * One active client per name in a hall: the partial unique index
 * `clients_active_name` decides it (migration 0008), so of concurrent
 * creations exactly one inserts; the others wait for its commit and insert
 * nothing (`CLIENT_NAME_TAKEN`).
 */
export async function createClient(db: Kysely<Database>, client: NewClient): Promise<CreateClientOutcome> {
  const clientId = `c_${randomBytes(12).toString('base64url')}`;
  const token = `hat_${Buffer.from(client.hallId, 'utf8').toString('base64url')}.${clientId}.${randomBytes(32).toString('base64url')}`;
  const inserted = await db
    .insertInto('clients')
    .values({
      hall_id: client.hallId,
      client_id: clientId,
      name: client.name,
      role: client.role,
      window_id: client.windowId ?? null,
      section: client.section ?? null,
      staff_id: client.staffId ?? null,
      token_hash: sha256Hex(token),
      created_at: client.now ?? new Date(),
    })
    .onConflict((oc) => oc.columns(['hall_id', 'name']).where('revoked_at', 'is', null).doNothing())
    .returning('client_id')
    .executeTakeFirst();
  return inserted ? { ok: true, clientId, token } : { ok: false, code: 'CLIENT_NAME_TAKEN' };
}

/** The client a token belongs to, or undefined for a malformed, unknown, wrong or revoked token. */
export async function authenticateClient(db: Kysely<Database>, token: string): Promise<ClientRow | undefined> {
  const target = parseClientToken(token);
  if (!target) return undefined;
  const row = await db
    .selectFrom('clients')
    .selectAll()
    .where('hall_id', '=', target.hallId)
    .where('client_id', '=', target.clientId)
    .executeTakeFirst();
  if (!row) return undefined;
  const matches = timingSafeEqual(Buffer.from(sha256Hex(token), 'hex'), Buffer.from(row.token_hash, 'hex'));
  return matches && row.revoked_at === null ? row : undefined;
}

/** Revokes a client's token; false if the client is unknown or already revoked. */
export async function revokeClient(db: Kysely<Database>, hallId: string, clientId: string, now: Date = new Date()): Promise<boolean> {
  const result = await db
    .updateTable('clients')
    .set({ revoked_at: now })
    .where('hall_id', '=', hallId)
    .where('client_id', '=', clientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

/** A service-wide setting (e.g. `admin_token_hash`), not bound to any hall. */
export async function getSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('service_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setSetting(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('service_settings')
    .values({ key, value, updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') })))
    .execute();
}

/**
 * Stores `value` unless the key already has one, and answers the value kept:
 * of processes starting together on one database, the first writer wins and
 * the others learn its value instead of overwriting it.
 */
export async function setSettingOnce(db: Kysely<Database>, key: string, value: string): Promise<string> {
  await db.insertInto('service_settings').values({ key, value, updated_at: new Date() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await getSetting(db, key)) ?? value;
}

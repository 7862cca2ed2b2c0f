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

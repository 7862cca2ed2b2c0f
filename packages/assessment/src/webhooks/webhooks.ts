import { sql, type Kysely } from 'kysely';
import type { Database } from '@hall/event-store';
import { fail, succeed, type Outcome } from '../outcome.ts';
import { newWebhookSecret } from './signature.ts';
import { webhookDb, type WebhookKind } from './webhook-tables.ts';

export interface WebhookInput {
  url: string;
  events: WebhookKind[];
}

export interface WebhookDocument {
  webhookId: string;
  url: string;
  events: WebhookKind[];
  createdAt: string;
  updatedAt: string;
}

/** A registration's answer: the secret only on the call that created the webhook. */
export type PutWebhookResult = { created: true; webhook: WebhookDocument & { secret: string } } | { created: false; webhook: WebhookDocument };

const unknownWebhook = (webhookId: string) => fail('NOT_FOUND', `Unknown webhook ${webhookId}`);

/**
 * Registers a webhook or changes its URL and kinds (PUT: the caller names
 * it). A new one gets a secret, returned once, and hears only what is
 * appended after now; the hall's dispatch cursor starts at the same head
 * when it is the hall's first. An update keeps the secret and the start.
 */
export async function putWebhook(db: Kysely<Database>, hallId: string, webhookId: string, input: WebhookInput, now: Date): Promise<PutWebhookResult> {
  const w = webhookDb(db);
  return w.transaction().execute(async (trx) => {
    const hall = await trx.selectFrom('halls').select('head_position').where('hall_id', '=', hallId).executeTakeFirstOrThrow();
    const secret = newWebhookSecret();
    const kinds = [...new Set(input.events)].sort();
    const row = await trx
      .insertInto('webhooks')
      .values({ hall_id: hallId, webhook_id: webhookId, url: input.url, kinds, secret, from_position: hall.head_position, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['hall_id', 'webhook_id']).doUpdateSet({ url: input.url, kinds, updated_at: now }))
      .returning(['webhook_id', 'url', 'kinds', 'created_at', 'updated_at', sql<boolean>`xmax = 0`.as('inserted')])
      .executeTakeFirstOrThrow();
    await trx.insertInto('webhook_cursors').values({ hall_id: hallId, position: hall.head_position }).onConflict((oc) => oc.column('hall_id').doNothing()).execute();
    const webhook = documentOf(row);
    return row.inserted ? { created: true, webhook: { ...webhook, secret } } : { created: false, webhook };
  });
}

export async function listWebhooks(db: Kysely<Database>, hallId: string): Promise<WebhookDocument[]> {
  const rows = await webhookDb(db)
    .selectFrom('webhooks')
    .select(['webhook_id', 'url', 'kinds', 'created_at', 'updated_at'])
    .where('hall_id', '=', hallId)
    .orderBy('webhook_id')
    .execute();
  return rows.map(documentOf);
}

export async function getWebhook(db: Kysely<Database>, hallId: string, webhookId: string): Promise<Outcome<WebhookDocument>> {
  const row = await webhookDb(db)
    .selectFrom('webhooks')
    .select(['webhook_id', 'url', 'kinds', 'created_at', 'updated_at'])
    .where('hall_id', '=', hallId)
    .where('webhook_id', '=', webhookId)
    .executeTakeFirst();
  return row ? succeed(documentOf(row)) : unknownWebhook(webhookId);
}

/** Removes a webhook with its delivery log; its pending deliveries are not sent. */
export async function deleteWebhook(db: Kysely<Database>, hallId: string, webhookId: string): Promise<Outcome<void>> {
  const result = await webhookDb(db).deleteFrom('webhooks').where('hall_id', '=', hallId).where('webhook_id', '=', webhookId).executeTakeFirst();
  return result.numDeletedRows > 0n ? succeed(undefined) : unknownWebhook(webhookId);
}

function documentOf(row: { webhook_id: string; url: string; kinds: string[]; created_at: Date; updated_at: Date }): WebhookDocument {
  return {
    webhookId: row.webhook_id,
    url: row.url,
    events: row.kinds as WebhookKind[],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

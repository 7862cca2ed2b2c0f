import type { Kysely } from 'kysely';
import type { Database, Store } from '@hall/event-store';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { generateSigner, HallStates } from '@hall/assessment';

/**
 * The OpenAPI document exactly as the running service serves it in English
 * (the committed one vendors lint, decision 1602), built without a database:
 * routes only need their schemas to be described.
 */
export async function openApiDocument(lang: 'en' | 'zh-CN' = 'en'): Promise<unknown> {
  const db = {} as Kysely<Database>;
  const store: Store = { db, kind: 'postgres', close: async () => undefined };
  const app = await buildApp({
    config: loadConfig({}),
    store,
    assessment: new HallStates(db, () => new Date(0)),
    signer: generateSigner().signer,
    adminTokenHash: '0'.repeat(64),
    clock: () => new Date(0),
    logger: false,
  });
  await app.ready();
  const response = await app.inject({ method: 'GET', url: `/openapi.json?lang=${lang}` });
  await app.close();
  return response.json();
}

import type { Kysely } from 'kysely';
import type { Database, Store } from '@hall/event-store';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { generateSigner, HallStates } from '@hall/assessment';

/**
 * The service's routes built without a database (the documents only need the
 * routes' schemas): for writing and testing the OpenAPI document.
 */
export async function buildDocumentsOnlyApp() {
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
  return app;
}

/**
 * The OpenAPI document exactly as the running service serves it in English
 * (the committed one vendors lint, decision 1602), built without a database.
 */
export async function openApiDocument(lang: 'en' | 'zh-CN' = 'en'): Promise<unknown> {
  const app = await buildDocumentsOnlyApp();
  const response = await app.inject({ method: 'GET', url: `/openapi.json?lang=${lang}` });
  await app.close();
  return response.json();
}

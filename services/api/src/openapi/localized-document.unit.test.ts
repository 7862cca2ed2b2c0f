import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '@hall/messages';
import { openApiDocument } from '../openapi-document.ts';
import { localizedOpenApi, openApiLocale } from './localized-document.ts';
import type { OpenApiDocument } from './openapi-types.ts';

type Operation = { operationId: string; summary: string; description: string; responses: Record<string, { description: string }> };
const operationsOf = (doc: OpenApiDocument) => Object.values(doc.paths ?? {}).flatMap((byMethod) => Object.values(byMethod) as unknown as Operation[]);

/** The document without its human text: what must be the same in every language. */
function skeleton(doc: OpenApiDocument): unknown {
  const copy = structuredClone(doc) as Record<string, any>;
  delete copy.info.title;
  delete copy.info.description;
  for (const server of copy.servers ?? []) delete server.description;
  for (const scheme of Object.values(copy.components?.securitySchemes ?? {}) as Array<Record<string, unknown>>) delete scheme.description;
  for (const tag of copy.tags ?? []) delete tag.description;
  for (const operation of operationsOf(copy as OpenApiDocument) as Array<Partial<Operation>>) {
    delete operation.summary;
    delete operation.description;
    for (const response of Object.values(operation.responses ?? {})) delete (response as Partial<{ description: string }>).description;
  }
  return copy;
}

let english: OpenApiDocument;
let chinese: OpenApiDocument;
beforeAll(async () => {
  english = (await openApiDocument('en')) as OpenApiDocument;
  chinese = (await openApiDocument('zh-CN')) as OpenApiDocument;
});

describe('the OpenAPI document in two languages (decision 1602)', () => {
  it('commits the English document, and the catalogue’s English is the routes’ own text', () => {
    expect(JSON.parse(readFileSync(new URL('../../../../openapi/openapi.json', import.meta.url), 'utf8'))).toEqual(english);
    expect(localizedOpenApi(english, 'en')).toEqual(english);
  });

  it('has a Chinese summary and description for every operation and a description for every tag', () => {
    const zh = messages['zh-CN'] as Record<string, string>;
    const missing = [
      ...operationsOf(english).flatMap((op) => [`openapi.op.${op.operationId}.summary`, `openapi.op.${op.operationId}.description`]),
      ...((english.tags as Array<{ name: string }>) ?? []).map((tag) => `openapi.tag.${tag.name}`),
    ].filter((key) => zh[key] === undefined);
    expect(missing, 'add them to packages/messages/src/catalogue/openapi.*.ts').toEqual([]);
    const byId = new Map(operationsOf(chinese).map((op) => [op.operationId, op]));
    for (const op of operationsOf(english)) {
      expect(byId.get(op.operationId)!.summary, op.operationId).toMatch(/[\u4e00-\u9fff]/);
      expect(byId.get(op.operationId)!.description, op.operationId).not.toBe(op.description);
    }
    expect((chinese.info as { title: string }).title).toBe('政务服务中心窗口考核服务');
  });

  it('changes only human text: paths, operationIds, schemas, codes and examples are the same', () => {
    expect(skeleton(chinese)).toEqual(skeleton(english));
    const forbidden = operationsOf(chinese).flatMap((op) => Object.values(op.responses).map((r) => r.description)).find((d) => d.startsWith('FORBIDDEN') && d.includes('OTHER_HALL'));
    expect(forbidden).toBe('FORBIDDEN：无权执行此操作；OTHER_HALL：令牌属于其他大厅');
  });

  it('serves Chinese unless asked for English by ?lang= or Accept-Language', () => {
    const ask = (query: Record<string, string>, acceptLanguage?: string) => openApiLocale({ query, headers: { 'accept-language': acceptLanguage } });
    expect(ask({})).toBe('zh-CN');
    expect(ask({}, 'en-US,en;q=0.9')).toBe('en');
    expect(ask({ lang: 'en' }, 'zh-CN')).toBe('en');
    expect(ask({ lang: 'zh-CN' }, 'en')).toBe('zh-CN');
    expect(ask({}, 'fr')).toBe('zh-CN');
  });
});

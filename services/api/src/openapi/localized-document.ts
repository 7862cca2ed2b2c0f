import { errorCodes, type ErrorCode } from '@hall/contracts';
import { negotiateLocale, translator, type Locale, type Translator } from '@hall/messages';
import type { OpenApiDocument } from './openapi-types.ts';

/**
 * The OpenAPI document in one language (decision 1602): the info, server and
 * security texts, tag descriptions and each operation's summary and
 * description come from the catalogue (`openapi.op.<operationId>.summary`);
 * problem response descriptions are rebuilt from the problem titles. Only
 * human text changes: paths, operationIds, schemas, codes and examples are the
 * same in every language. A text the catalogue lacks (a route added since)
 * stays as the route wrote it; the unit test fails for it.
 */
export function localizedOpenApi(source: OpenApiDocument, locale: Locale): OpenApiDocument {
  const tr = translator(locale);
  const text = (key: string, fallback: unknown) => tr.maybe(key) ?? fallback;
  const doc = structuredClone(source) as OpenApiDocument & {
    info?: { title?: string; description?: string };
    servers?: Array<{ description?: string }>;
    tags?: Array<{ name: string; description?: string }>;
    components?: { securitySchemes?: Record<string, { description?: string }> };
  };
  if (doc.info) {
    doc.info.title = text('openapi.info.title', doc.info.title) as string;
    doc.info.description = text('openapi.info.description', doc.info.description) as string;
  }
  for (const server of doc.servers ?? []) if (server.description !== undefined) server.description = text('openapi.server.description', server.description) as string;
  for (const [name, scheme] of Object.entries(doc.components?.securitySchemes ?? {})) {
    if (scheme.description !== undefined) scheme.description = text(`openapi.security.${name}`, scheme.description) as string;
  }
  for (const tag of doc.tags ?? []) if (tag.description !== undefined) tag.description = text(`openapi.tag.${tag.name}`, tag.description) as string;
  for (const byMethod of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(byMethod)) {
      const id = operation.operationId;
      if (typeof id !== 'string') continue;
      if (operation.summary !== undefined) operation.summary = text(`openapi.op.${id}.summary`, operation.summary);
      if (operation.description !== undefined) operation.description = text(`openapi.op.${id}.description`, operation.description);
      // English is how the routes describe their responses; other languages rebuild the text from the codes.
      if (locale === 'en') continue;
      for (const response of Object.values(operation.responses ?? {}) as Array<{ description?: string }>) {
        if (typeof response.description === 'string') response.description = responseText(response.description, tr);
      }
    }
  }
  return doc;
}

/** `"FORBIDDEN: Not allowed; OTHER_HALL: Token belongs to another hall"` in the translator's language, code by code. */
function responseText(english: string, tr: Translator): string {
  if (english === 'Default Response') return tr.t('openapi.response.default');
  if (english.startsWith('INTERNAL:')) return tr.t('openapi.response.internal');
  return english
    .split('; ')
    .map((part) => {
      const code = part.slice(0, part.indexOf(':'));
      if (!(code in errorCodes)) return part;
      return `${code}：${tr.maybe(`problem.title.${code as ErrorCode}`) ?? part.slice(code.length + 2)}`;
    })
    .join('；');
}

const built = new WeakMap<object, Map<Locale, OpenApiDocument>>();

/** The document in `locale`, built once per document and language (swagger hands out the same object each time). */
export function openApiIn(source: OpenApiDocument, locale: Locale): OpenApiDocument {
  let byLocale = built.get(source);
  if (!byLocale) built.set(source, (byLocale = new Map()));
  let doc = byLocale.get(locale);
  if (!doc) byLocale.set(locale, (doc = localizedOpenApi(source, locale)));
  return doc;
}

/** `?lang=` first, then `Accept-Language`; nothing usable is zh-CN, like every other text of the service. */
export function openApiLocale(request: { query: unknown; headers: Record<string, string | string[] | undefined> }): Locale {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  const header = request.headers['accept-language'];
  return negotiateLocale(typeof lang === 'string' && lang !== '' ? lang : typeof header === 'string' ? header : undefined);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentsOnlyApp } from '../openapi-document.ts';

/**
 * The OpenAPI document is served in the caller's language (decision 1602), so
 * every response whose body depends on Accept-Language says so in `Vary`
 * (decision 1832): a shared cache must not hand the Chinese document to an
 * English reader. Built without a database, as openapi-document.ts does.
 */
let app: Awaited<ReturnType<typeof buildDocumentsOnlyApp>>;
beforeAll(async () => {
  app = await buildDocumentsOnlyApp();
});
afterAll(async () => app?.close());

const get = (url: string, language?: string) => app.inject({ method: 'GET', url, headers: language ? { 'accept-language': language } : {} });

describe('the language-dependent documents send Vary: Accept-Language', () => {
  it.each(['/openapi.json', '/docs/json', '/docs/yaml'])('%s varies by Accept-Language, says so, and sends no validator shared by both languages', async (url) => {
    const chinese = await get(url, 'zh-CN');
    const english = await get(url, 'en');
    const asked = await get(`${url}?lang=en`, 'zh-CN');
    expect(chinese.statusCode).toBe(200);
    // The bodies really differ by the header, and ?lang wins over it.
    expect(english.body).not.toBe(chinese.body);
    expect(asked.body).toBe(english.body);
    for (const res of [chinese, english, asked]) {
      expect(String(res.headers.vary ?? '').toLowerCase().split(/\s*,\s*/)).toContain('accept-language');
      // No ETag or Last-Modified: none would tell the two languages apart.
      expect(res.headers.etag).toBeUndefined();
      expect(res.headers['last-modified']).toBeUndefined();
    }
  });

  it('the docs page itself is the same in every language (its document is fetched from /docs/json)', async () => {
    expect((await get('/docs/', 'en')).body).toBe((await get('/docs/', 'zh-CN')).body);
  });
});

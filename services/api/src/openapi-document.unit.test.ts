import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi-document.ts';

describe('the committed OpenAPI document', () => {
  it('equals what the service serves at /openapi.json (run `pnpm openapi:write` after changing routes)', async () => {
    const committed = JSON.parse(await readFile(new URL('../../../openapi/openapi.json', import.meta.url), 'utf8'));
    expect(await openApiDocument()).toEqual(committed);
  });
});

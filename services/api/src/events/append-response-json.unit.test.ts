import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendResponse } from '@hall/contracts';
import { appendResponseJson } from './append-response-json.ts';

describe('the append answer written field by field (decision 1894)', () => {
  it('is exactly what the schema-checked default serializer writes', () => {
    const result = fc.record({
      id: fc.string({ unit: 'binary', maxLength: 70 }),
      status: fc.constantFrom('appended' as const, 'duplicate' as const),
      position: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    });
    fc.assert(
      fc.property(fc.array(result, { maxLength: 20 }), (results) => {
        expect(appendResponseJson({ results })).toBe(JSON.stringify(appendResponse.parse({ results })));
      }),
    );
  });

  it('writes only the three fields of a result, whatever else the object holds', () => {
    const withMore = { id: 'e1', status: 'appended' as const, position: 7, hash: 'secret' };
    expect(JSON.parse(appendResponseJson({ results: [withMore] }))).toEqual({ results: [{ id: 'e1', status: 'appended', position: 7 }] });
  });
});

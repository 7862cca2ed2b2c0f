import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { appendRequest } from '../envelope.ts';
import { clientEventSchemas } from './index.ts';

const examplesOf = (schema: z.ZodType) => (z.globalRegistry.get(schema)?.examples ?? []) as unknown[];

describe('the example beside each event schema (the OpenAPI document shows them)', () => {
  for (const [type, schema] of Object.entries(clientEventSchemas)) {
    it(`${type} has one, with a description, and it is valid data of its type`, () => {
      const examples = examplesOf(schema);
      expect(examples.length, `add .meta({ description, examples: [...] }) to ${type}`).toBeGreaterThan(0);
      expect(z.globalRegistry.get(schema)?.description).toBeTruthy();
      for (const data of examples) {
        const event = { id: `${type}-example`, type, occurredAt: '2026-09-17T09:30:00+08:00', data };
        expect(appendRequest.safeParse({ events: [event] }).error?.issues).toBeUndefined();
      }
    });
  }
});

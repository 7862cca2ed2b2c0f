import { describe, expect, it } from 'vitest';
import { clientEventSchemas, eventPosters } from '@hall/contracts';
import { messages } from '@hall/messages';
import type { z } from 'zod';
import { attendanceActions, commendationActions, complaintActions, organisationActions } from './event-actions.ts';

const all = [...attendanceActions, ...complaintActions, ...commendationActions, ...organisationActions];

/** The console's forms are lists of fields; the contract's schemas decide. These keep the two from drifting apart. */
describe('console recording forms', () => {
  it.each(all.map((a) => [a.type, a] as const))('%s offers exactly the fields of its schema', (type, action) => {
    const schema = clientEventSchemas[type as keyof typeof clientEventSchemas] as unknown as z.ZodObject;
    expect(schema, type).toBeDefined();
    const shape = schema.shape as Record<string, z.ZodType>;
    expect(action.fields.map((f) => f.key).sort()).toEqual(Object.keys(shape).sort());
    for (const field of action.fields) {
      const acceptsNothing = shape[field.key]!.safeParse(undefined).success;
      expect('optional' in field && field.optional === true, `${type}.${field.key} optional`).toBe(acceptsNothing);
      if (field.kind === 'enum') {
        for (const value of field.values) expect(shape[field.key]!.safeParse(value).success, `${type}.${field.key}=${value}`).toBe(true);
        expect(shape[field.key]!.safeParse('not-a-value').success).toBe(false);
      }
    }
  });

  it('names every form, field and choice in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const table = messages[locale] as Record<string, string>;
      for (const action of all) {
        expect(table[`console.event.${action.type}`], `${locale} ${action.type}`).toBeTruthy();
        for (const field of action.fields) {
          expect(table[`console.field.${field.key}`], `${locale} ${field.key}`).toBeTruthy();
          if (field.kind === 'enum') for (const v of field.values) expect(table[`console.value.${field.key}.${v}`], `${locale} ${field.key}.${v}`).toBeTruthy();
        }
      }
    }
  });

  it('offers only events the roles that see these pages may post', () => {
    expect(attendanceActions.every((a) => eventPosters[a.type as keyof typeof eventPosters].includes('section'))).toBe(true);
    expect([...complaintActions, ...commendationActions].every((a) => eventPosters[a.type as keyof typeof eventPosters].includes('supervisor'))).toBe(true);
    expect(organisationActions.every((a) => eventPosters[a.type as keyof typeof eventPosters].includes('supervisor'))).toBe(true);
  });
});

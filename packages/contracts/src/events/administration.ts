import { z } from 'zod';
import { categoryCode, ruleCatalogueVersion } from '../rule-catalogue.ts';
import { entityId, eventId, isoDate, monthPeriod, points, timestamp } from '../primitives.ts';

/** Posted by a supervisor: counts in its category like any line item (docs/domain.md §4.1, §9). */
export const ScoreAdjusted = z.strictObject({
  adjustmentId: entityId,
  subject: z.strictObject({ type: z.enum(['window', 'staff']), id: entityId }),
  period: monthPeriod,
  category: categoryCode,
  points,
  reason: z.string().min(1).max(2000),
}).meta({
  description: '人工调整: a supervisor adjusts a subject\'s score in a category (or bonus), with a reason.',
  examples: [{ adjustmentId: 'adj-2026-09-01', subject: { type: 'window', id: 'w-01' }, period: '2026-09', category: 'bonus', points: 1, reason: '协助完成专项工作' }],
});

/** A compensating event: the voided event stays in the history and counts nothing (issue 7). */
export const EventVoided = z.strictObject({ voidedEventId: eventId, reason: z.string().min(1).max(2000) }).meta({
  description: '作废: an event posted in error counts nothing; it stays in the history.',
  examples: [{ voidedEventId: 'ticket-issued-0917-001', reason: '重复上报' }],
});

/** Appended by the service when a hall is created: the history alone then says its timezone. */
export const HallCreated = z.strictObject({
  hallId: entityId,
  name: z.string().min(1).max(200),
  timezone: z.string().min(1),
  assessmentStartsOn: isoDate,
  autoAdvance: z.boolean(),
});

/** Appended by the service: a complete rule catalogue version (the hall's version 1 at creation). */
export const RuleCatalogueVersionPublished = ruleCatalogueVersion;

/**
 * Appended by the service when a month moves on. Stages that publish carry the
 * version and the history position the published scores were computed through.
 */
export const PeriodAdvanced = z.strictObject({
  period: monthPeriod,
  to: z.enum(['collecting', 'preliminary', 'final', 'restated']),
  version: z.number().int().min(1).nullable(),
  computedThrough: z.number().int().min(0).nullable(),
  scoresHash: z.string().nullable(),
  trigger: z.enum(['schedule', 'supervisor']),
  reason: z.string().max(2000).optional(),
});

export const AppealFiled = z.strictObject({
  appealId: entityId,
  lineItemId: z.string().min(1).max(400),
  period: monthPeriod,
  reason: z.string().min(1).max(2000),
});
export const AppealDecided = z.strictObject({
  appealId: entityId,
  lineItemId: z.string().min(1).max(400),
  period: monthPeriod,
  upheld: z.boolean(),
  reason: z.string().min(1).max(2000),
  decidedAt: timestamp.optional(),
});

/** Events clients may post (docs/integration.md table). */
export const administrationClientEvents = { ScoreAdjusted, EventVoided } as const;
/** Events only the service appends. */
export const serviceEvents = {
  HallCreated,
  RuleCatalogueVersionPublished,
  PeriodAdvanced,
  AppealFiled,
  AppealDecided,
} as const;

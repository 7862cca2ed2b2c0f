import { describe, expect, it } from 'vitest';
import { ruleCatalogueVersion } from '@hall/contracts';
import { defaultCatalogue } from './default-catalogue.ts';
import { completeDraft } from './complete-draft.ts';
import { catalogueAt } from './catalogue-at.ts';

const DOMAIN_CODES = [
  'ATT_PERSONAL_LEAVE_NO_SUB', 'ATT_SICK_LEAVE_NO_SUB', 'ATT_OFF_POST', 'ATT_ABSENCE', 'ATT_LATE_EARLY', 'CON_BADGE_UNIFORM',
  'CON_IDLE_AT_POST', 'CON_PRIVATE_VISITOR', 'CON_QUARREL', 'CON_REFUSE_MANAGEMENT', 'INT_CORRUPTION', 'CASE_NOT_ACCEPTED',
  'CASE_SUPPLEMENT_UNEXPLAINED', 'CASE_RETURN_UNEXPLAINED', 'CASE_NEGATIVE_FILING', 'CASE_OVERDUE', 'CASE_RESULT_ERROR',
  'CASE_MATERIALS_LOST', 'CASE_RUNAROUND', 'CASE_LOW_VOLUME', 'RATE_LOW_RATING_RATE', 'RATE_BAD_RATING', 'FEE_CASH_AT_WINDOW',
  'FEE_CHARGED_AT_DEPARTMENT', 'FEE_STANDARD_RAISED', 'FEE_STANDARD_LOWERED', 'FEE_EXTRA_ITEMS', 'ARC_NOT_ARCHIVED', 'ARC_DISORDER',
  'HYG_NOT_CLEAN', 'HYG_NOT_SHUT_DOWN', 'EVAL_PEER_REVIEW', 'EVAL_SATISFACTION', 'EVAL_VALID_COMPLAINT', 'BON_THANK_YOU_LETTER',
  'BON_PENNANT', 'BON_MEDIA_PRAISE', 'BON_SUPERIOR_COMMENDATION',
];
/** The bad-rating loop's deductions (issue 17): in version 1, switched off. */
const OFF_CODES = ['RATE_CONTACT_OVERDUE', 'RATE_RECTIFICATION_OVERDUE'];

describe('default catalogue', () => {
  const v1 = defaultCatalogue('2026-01-01');

  it('parses as a catalogue version and holds every docs/domain.md §4.1 code once, switched on', () => {
    expect(() => ruleCatalogueVersion.parse(v1)).not.toThrow();
    expect(v1.rules.filter((r) => r.enabled !== false).map((r) => r.code).sort()).toEqual([...DOMAIN_CODES].sort());
  });

  it('holds the two bad-rating overdue codes switched off', () => {
    expect(v1.rules.filter((r) => r.enabled === false).map((r) => r.code).sort()).toEqual(OFF_CODES);
  });

  it('has the default bases of docs/domain.md §4.1, 25 + 40 + 15 + 10 + 10 = 100 and a +5 bonus cap', () => {
    expect(v1.categories).toEqual([
      { code: 'attendance', base: 25 },
      { code: 'cases', base: 40 },
      { code: 'fees', base: 15 },
      { code: 'archives_hygiene', base: 10 },
      { code: 'public_evaluation', base: 10 },
    ]);
    expect(v1.bonusCategory).toBe('bonus');
    expect(v1.bonusCap).toBe(5);
  });

  it('vetoes corruption, raised fees and extra fee items always, valid complaints on media exposure', () => {
    const veto = Object.fromEntries(v1.rules.filter((r) => r.veto !== 'never').map((r) => [r.code, r.veto]));
    expect(veto).toEqual({ INT_CORRUPTION: 'always', FEE_STANDARD_RAISED: 'always', FEE_EXTRA_ITEMS: 'always', EVAL_VALID_COMPLAINT: 'media_exposure' });
  });

  it('targets only the window with the period-metric rules', () => {
    expect(v1.rules.filter((r) => r.targets === 'window').map((r) => r.code).sort()).toEqual(
      ['CASE_LOW_VOLUME', 'EVAL_PEER_REVIEW', 'EVAL_SATISFACTION', 'RATE_LOW_RATING_RATE'],
    );
  });

  it('gives sections their docs/domain.md §4.3 categories', () => {
    expect(v1.sectionCategories).toEqual({
      supervision: ['attendance', 'archives_hygiene', 'public_evaluation', 'bonus'],
      coordination: ['cases', 'fees'],
      office: ['archives_hygiene', 'bonus'],
      it: [],
    });
  });
});

describe('completeDraft', () => {
  const v1 = defaultCatalogue('2026-01-01');

  it('keeps the previous version’s omitted parts and takes the draft’s rules and settings', () => {
    const rules = v1.rules.filter((r) => r.code !== 'CASE_LOW_VOLUME');
    const v2 = completeDraft(v1, { effectiveFrom: '2026-07-01', rules, settings: { suspiciousRatingGapSeconds: 5 } }, 2);
    expect(v2.version).toBe(2);
    expect(v2.categories).toEqual(v1.categories);
    expect(v2.bonusCap).toBe(5);
    expect(v2.rules).toHaveLength(v1.rules.length - 1);
    expect(v2.settings.suspiciousRatingGapSeconds).toBe(5);
    expect(v2.settings.lateEarlyHalfDayMinutes).toBe(30);
  });
});

describe('catalogueAt', () => {
  const v1 = defaultCatalogue('2026-01-01');
  const v2 = { ...v1, version: 2, effectiveFrom: '2026-07-01' };
  const v3 = { ...v1, version: 3, effectiveFrom: '2026-07-01' };

  it('takes the greatest effectiveFrom on or before the date, the highest version on a tie', () => {
    expect(catalogueAt([v3, v1, v2], '2026-06-30').version).toBe(1);
    expect(catalogueAt([v1, v2, v3], '2026-07-01').version).toBe(3);
  });

  it('falls back to the earliest version before all of them', () => {
    expect(catalogueAt([v2, v1], '2025-12-31').version).toBe(1);
  });
});

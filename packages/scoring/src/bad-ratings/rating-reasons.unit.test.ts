import { describe, expect, it } from 'vitest';
import { catalogueSettings } from '@hall/contracts';
import { defaultCatalogue } from '../catalogue/default-catalogue.ts';
import { checkRatingReasons } from './rating-reasons.ts';

const v1 = defaultCatalogue('2026-01-01');
const strict = { ...v1, version: 2, settings: { ...v1.settings, badRatingReasonsRequired: true } };

describe('rating reasons against the catalogue in force', () => {
  it('keeps a 差评 without reasons valid under the default version', () => {
    expect(checkRatingReasons({ level: 1 }, v1)).toEqual({ ok: true });
  });

  it('accepts the default reason list (整体满意度, 服务效率, 服务水平, 服务态度, 其他)', () => {
    expect(v1.settings.badRatingReasons.map((r) => r.name)).toEqual(['整体满意度', '服务效率', '服务水平', '服务态度', '其他']);
    expect(checkRatingReasons({ level: 2, reasons: ['service_attitude', 'service_efficiency'] }, v1)).toEqual({ ok: true });
  });

  it('refuses an unknown code, naming the field', () => {
    const check = checkRatingReasons({ level: 2, reasons: ['service_attitude', 'rude'] }, v1, '/events/0/data');
    expect(check).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', errors: [{ path: '/events/0/data/reasons/1' }] } });
  });

  it('refuses a 差评 without reasons where the version requires them, not a good rating', () => {
    expect(checkRatingReasons({ level: 1 }, strict)).toMatchObject({ ok: false, error: { errors: [{ path: '/data/reasons' }] } });
    expect(checkRatingReasons({ level: 3 }, strict)).toEqual({ ok: true });
  });

  it('reads versions stored before the bad-rating settings with the default catalogue’s values', () => {
    const { badRatingReasons: _r, badRatingReasonsRequired: _q, defaultRatingAfterDays: _d, defaultRatingLevel: _l, defaultRatingsCount: _c,
      badRatingContactWorkingDays: _cw, badRatingRectificationWorkingDays: _rw, badRatingWarningShare: _w, ...older } = v1.settings;
    expect(catalogueSettings.parse(older)).toEqual(v1.settings);
  });
});

import type { EventData, FieldError, RuleCatalogueVersion } from '@hall/contracts';

/** A rating's reasons checked against the catalogue version in force on its day. */
export type ReasonsCheck = { ok: true } | { ok: false; error: { code: 'VALIDATION_FAILED'; message: string; errors: FieldError[] } };

/**
 * Reason codes must be in the version's `badRatingReasons`; a 差评 (level
 * 1–2) must give one when the version says `badRatingReasonsRequired` (off in
 * the default version, so ratings without reasons stay valid). `path` is where
 * the rating's data sits in the request (`/events/3/data`), for the 422 body.
 */
export function checkRatingReasons(
  data: Pick<EventData<'RatingSubmitted'>, 'level' | 'reasons'>,
  catalogue: RuleCatalogueVersion,
  path = '/data',
): ReasonsCheck {
  const settings = catalogue.settings;
  const known = new Set(settings.badRatingReasons.map((r) => r.code));
  const errors: FieldError[] = [];
  (data.reasons ?? []).forEach((code, i) => {
    if (!known.has(code)) errors.push({ path: `${path}/reasons/${i}`, message: `not a reason of rule catalogue version ${catalogue.version}` });
  });
  if (settings.badRatingReasonsRequired && data.level <= 2 && (data.reasons ?? []).length === 0) {
    errors.push({ path: `${path}/reasons`, message: `a rating of level 1–2 must give its reasons (rule catalogue version ${catalogue.version})` });
  }
  if (errors.length === 0) return { ok: true };
  return { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Rating reasons do not match the rule catalogue', errors } };
}

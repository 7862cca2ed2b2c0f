import type { Locale } from './locale.ts';
import { translateEnglishText } from './english-text.ts';
import { translator } from './translator.ts';

interface ProblemBody {
  title: string;
  code: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
}

/**
 * A problem body's human-readable fields in `locale`: the title by its code,
 * the detail and each field message by their English text. Codes, types,
 * statuses and paths never change. A detail the catalogue does not know
 * (framework text) becomes the code's general explanation in other languages.
 */
export function localizeProblem<T extends ProblemBody>(body: T, locale: Locale): T {
  const t = translator(locale);
  const title = t.maybe(`problem.title.${body.code}`) ?? body.title;
  const detail =
    body.detail === undefined ? undefined : (translateEnglishText(body.detail, locale) ?? (locale === 'en' ? body.detail : (t.maybe(`problem.generic.${body.code}`) ?? body.detail)));
  const errors = body.errors?.map((e) => ({ path: e.path, message: translateEnglishText(e.message, locale) ?? e.message }));
  return { ...body, title, ...(detail === undefined ? {} : { detail }), ...(errors === undefined ? {} : { errors }) };
}

import { IntlMessageFormat } from 'intl-messageformat';
import { messages, type MessageKey } from './catalogue/index.ts';
import type { Locale } from './locale.ts';

export type MessageValues = Record<string, string | number>;

export interface Translator {
  readonly locale: Locale;
  /** The message for `key` with `values` put in (ICU MessageFormat). */
  t(key: MessageKey, values?: MessageValues): string;
  /** The message for `key` if the catalogue has it, else undefined (rule codes of a hall's own rules). */
  maybe(key: string, values?: MessageValues): string | undefined;
  /** A number with Intl grouping, e.g. a score with two decimals: `number(93.5, 2)` → "93.50". */
  number(value: number, fractionDigits?: number): string;
  /** A share as a percentage: 0.975 → "97.5%". */
  percent(value: number, fractionDigits?: number): string;
  /** A month `YYYY-MM` as words: "2026年1月" / "January 2026". */
  month(period: string): string;
  /** An instant as date and time in the hall's time zone. */
  dateTime(at: Date | string, timeZone: string): string;
  /** An instant as a time of day in the hall's time zone. */
  time(at: Date | string, timeZone: string): string;
}

const cache = new Map<string, IntlMessageFormat>();

function compiled(locale: Locale, key: string, text: string): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let format = cache.get(id);
  if (!format) {
    // ignoreTag: "<token>" in a message is text, not rich-text markup.
    format = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true });
    cache.set(id, format);
  }
  return format;
}

/** A translator for one language; cheap to make, message formats are compiled once and cached. */
export function translator(locale: Locale): Translator {
  const table = messages[locale] as Record<string, string>;
  const format = (key: string, values?: MessageValues) => String(compiled(locale, key, table[key]!).format(values));
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const numberFormat = (options: Intl.NumberFormatOptions) => {
    const id = JSON.stringify(options);
    let nf = numberFormats.get(id);
    if (!nf) numberFormats.set(id, (nf = new Intl.NumberFormat(locale, options)));
    return nf;
  };
  return {
    locale,
    t: (key, values) => format(key, values),
    maybe: (key, values) => (key in table ? format(key, values) : undefined),
    number: (value, fractionDigits = 0) => numberFormat({ minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value),
    percent: (value, fractionDigits = 1) => numberFormat({ style: 'percent', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value),
    // Noon UTC of the 1st: the month's name does not depend on any time zone.
    month: (period) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${period}-01T12:00:00Z`)),
    dateTime: (at, timeZone) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone }).format(new Date(at)),
    time: (at, timeZone) => new Intl.DateTimeFormat(locale, { timeStyle: 'medium', hourCycle: 'h23', timeZone }).format(new Date(at)),
  };
}

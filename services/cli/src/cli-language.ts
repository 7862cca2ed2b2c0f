import { writeSync } from 'node:fs';
import { defaultLocale, negotiateLocale, translateEnglishText, translator, type Locale, type Translator } from '@hall/messages';

/**
 * The language of the CLI's human messages on stderr: `--lang`, else the
 * POSIX locale (LC_ALL, LC_MESSAGES, LANG: "en_US.UTF-8" is en), else
 * Chinese. The JSON results on stdout never change with it.
 */
export function cliLocale(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v && v !== 'C' && v !== 'POSIX');
  const tag = flag ?? posix?.split('.')[0]?.replace('_', '-');
  return tag ? negotiateLocale(tag) : defaultLocale;
}

let current: Translator = translator(cliLocale(undefined));

export function useLocale(locale: Locale): void {
  current = translator(locale);
}

export const t: Translator['t'] = (key, values) => current.t(key, values);
export const cliTranslator = (): Translator => current;

/** An English text a command raised, in the chosen language when the catalogue has it (as written otherwise). */
export const localText = (text: string): string => translateEnglishText(text, current.locale) ?? text;

/** One line on stderr, translated when the catalogue knows it. */
export function say(text: string): void {
  writeSync(2, `${localText(text)}\n`);
}

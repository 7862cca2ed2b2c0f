import { messages, type MessageKey } from './catalogue/index.ts';
import type { Locale } from './locale.ts';
import { translator } from './translator.ts';

interface Template {
  key: MessageKey;
  names: string[];
  pattern: RegExp;
  literal: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The English side of details and field messages as patterns, the most specific (most literal text) first. */
const templates: Template[] = (Object.keys(messages.en) as MessageKey[])
  .filter((key) => key.startsWith('problem.detail.') || key.startsWith('problem.field.') || key.startsWith('lineItem.') || key.startsWith('cli.text.') || key.startsWith('start.text.'))
  .map((key) => {
    const text = messages.en[key];
    const names: string[] = [];
    const parts = text.split(/\{(\w+)\}/);
    const source = parts.map((part, i) => (i % 2 === 1 ? (names.push(part), '(.+?)') : escape(part))).join('');
    return { key, names, pattern: new RegExp(`^${source}$`, 's'), literal: parts.filter((_, i) => i % 2 === 0).join('').length };
  })
  .sort((a, b) => b.literal - a.literal);

/** The catalogue entry an English text of the service was written from, with its values; undefined when none. */
export function findEnglishText(text: string): { key: MessageKey; values: Record<string, string> } | undefined {
  for (const template of templates) {
    const match = template.pattern.exec(text);
    if (match) return { key: template.key, values: Object.fromEntries(template.names.map((name, i) => [name, match[i + 1]!])) };
  }
  return undefined;
}

/**
 * An English text the service wrote (a problem detail, a field message, a
 * line-item note) in `locale`, or undefined when the catalogue has no entry
 * for it (gettext style: the English text is the key).
 */
export function translateEnglishText(text: string, locale: Locale): string | undefined {
  const found = findEnglishText(text);
  if (!found) return undefined;
  if (locale === 'en') return text;
  const t = translator(locale);
  const values = Object.fromEntries(Object.entries(found.values).map(([name, value]) => [name, localValue(t, name, value)]));
  return t.t(found.key, values);
}

/** Codes inside a text (a stage, a subject type, an appeal status) read in the same language as the text around them. */
function localValue(t: ReturnType<typeof translator>, name: string, value: string): string {
  const prefix = { stage: 'stage.', type: 'subject.', status: 'appealStatus.', rule: 'rule.' }[name];
  return (prefix && t.maybe(`${prefix}${value}${name === 'rule' ? '.name' : ''}`)) || value;
}

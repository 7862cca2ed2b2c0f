import { messages, type MessageKey } from './catalogue/index.ts';
import { findEnglishText } from './english-text.ts';
import type { Translator } from './translator.ts';

/** The rule's name in the reader's language; a hall's own rule keeps the name it was published with, else its code. */
export function ruleName(t: Translator, ruleCode: string, publishedName?: string): string {
  return t.maybe(`rule.${ruleCode}.name`) ?? publishedName ?? ruleCode;
}

/**
 * What a line item's `note` says, for a reader: notes the scorer derives
 * ("Rule name: 2 working day(s) overdue") are rebuilt from the catalogue; a
 * note that is only the rule's English name adds nothing to the rule column
 * and is dropped; a person's own note (an inspector's) is shown as written.
 */
export function lineItemNote(t: Translator, item: { ruleCode: string; note?: string | null }, publishedName?: string): string {
  const note = item.note ?? '';
  if (!note) return '';
  const derived = /^(.*?): (.+)$/s.exec(note);
  if (derived) {
    const found = findEnglishText(derived[2]!);
    if (found && found.key.startsWith('lineItem.')) return t.t(found.key, found.values);
  }
  if (note === publishedName || note === messages.en[`rule.${item.ruleCode}.name` as MessageKey]) return '';
  return note;
}

export { locales, defaultLocale, negotiateLocale, type Locale } from './locale.ts';
export { messages, type MessageKey } from './catalogue/index.ts';
export { translator, type Translator, type MessageValues } from './translator.ts';
export { findEnglishText, translateEnglishText } from './english-text.ts';
export { startRefusal } from './start-refusal.ts';
export { localizeProblem } from './problem-text.ts';
export { lineItemNote, ruleName } from './line-item-text.ts';

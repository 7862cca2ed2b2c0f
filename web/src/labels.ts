import { lineItemNote, ruleName } from '@hall/messages';
import { i18n, t } from './i18n.ts';

/** Display helpers over the message catalogue: every word on the pages comes from @hall/messages. */
export const month = (period: string) => i18n.month(period);
export const score = (n: number) => i18n.number(n, 2);
export const points = (n: number) => (n > 0 ? `+${i18n.number(n, n % 1 === 0 ? 0 : 1)}` : i18n.number(n, n % 1 === 0 ? 0 : 1));
export const pct = (x: number | null) => (x === null ? '—' : i18n.percent(x));
export const category = (code: string) => i18n.maybe(`category.${code}`) ?? code;
export const rule = (code: string, publishedName?: string) => ruleName(i18n, code, publishedName);
export const note = (item: { ruleCode: string; note?: string | null }, publishedName?: string) => lineItemNote(i18n, item, publishedName);
export const errorText = (status: number) => i18n.maybe(`error.${status}`) ?? t('error.other');

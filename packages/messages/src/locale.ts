/** The languages the catalogue holds, first the default: the halls are Chinese. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

/**
 * The best catalogue language for an `Accept-Language` header or a browser's
 * `navigator.languages`: any `zh*` is zh-CN, any `en*` is en, in the order of
 * preference (q-values honoured); nothing usable gives zh-CN.
 * @example negotiateLocale('en-GB,en;q=0.9,zh;q=0.5') // 'en'
 */
export function negotiateLocale(wanted: string | readonly string[] | undefined | null): Locale {
  const ranked = (typeof wanted === 'string' ? parseHeader(wanted) : [...(wanted ?? [])]).map((tag) => tag.trim().toLowerCase());
  for (const tag of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return defaultLocale;
}

function parseHeader(header: string): string[] {
  return header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';').map((s) => s.trim());
      const q = params.find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((x) => x.tag && x.tag !== '*' && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
    .map((x) => x.tag);
}

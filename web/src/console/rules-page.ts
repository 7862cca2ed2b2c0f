import { ruleCatalogueDraft, type RuleCatalogueVersion } from '@hall/contracts';
import { getJson, postJson } from '../api.ts';
import { h } from '../dom.ts';
import { i18n, t } from '../i18n.ts';
import { category, rule } from '../labels.ts';
import type { ConsoleContext } from './menu.ts';
import { PointerForm, input, textarea } from './form.ts';
import { hallNowLocal } from './hall-time.ts';
import { confirmDialog } from './confirm-dialog.ts';

/** What a rule costs or earns, in the words of its computation kind; the numbers as published. */
function computationText(r: RuleCatalogueVersion['rules'][number]): string {
  const c = r.computation as Record<string, unknown> & { kind: string };
  const numbers = Object.entries(c)
    .filter(([k, v]) => k !== 'kind' && typeof v === 'number')
    .map(([k, v]) => `${k} ${i18n.number(v as number, 2)}`);
  return [i18n.maybe(`console.rules.kind.${c.kind}`) ?? c.kind, ...numbers].join(' · ');
}

/**
 * Rule versions: the version in force, and a draft made from it (its rules as
 * JSON, the API's own draft schema checking them) published from a chosen date.
 */
export async function rulesPage(ctx: ConsoleContext): Promise<HTMLElement> {
  const current = (await getJson<RuleCatalogueVersion>(`${ctx.base}/rules`)).body;
  const table = h(
    'table',
    { class: 'rules-table' },
    h('caption', {}, t('console.rules.current', { version: current.version, from: current.effectiveFrom })),
    h('thead', {}, h('tr', {}, ['console.rules.col.rule', 'console.rules.col.category', 'console.rules.col.computation', 'console.rules.col.cap', 'console.rules.col.veto'].map((k) => h('th', { scope: 'col' }, t(k as never))))),
    h(
      'tbody',
      {},
      current.rules.map((r) =>
        h(
          'tr',
          { 'data-rule': r.code, class: r.enabled === false ? 'disabled' : undefined },
          h('th', { scope: 'row' }, rule(r.code, r.name), h('small', { class: 'code' }, ` ${r.code}`)),
          h('td', {}, category(r.category)),
          h('td', {}, computationText(r)),
          h('td', {}, r.cap === null ? '—' : i18n.number(r.cap, 2)),
          h('td', {}, t(`console.rules.veto.${r.veto}` as never)),
        ),
      ),
    ),
  );

  const form = new PointerForm('rule-draft', t('console.rules.publish'), async (f) => {
    let rules: unknown;
    try {
      rules = JSON.parse(f.value('/rules'));
    } catch {
      f.clear();
      f.showErrors([{ path: '/rules', message: t('console.rules.notJson') }], t('error.422'));
      return;
    }
    const body = { effectiveFrom: f.value('/effectiveFrom'), rules };
    if (!f.check(ruleCatalogueDraft, body)) return;
    if (!(await confirmDialog(t('console.rules.confirm', { from: body.effectiveFrom }), t('console.rules.confirmBody', { version: current.version + 1 })))) return;
    try {
      const published = await postJson<RuleCatalogueVersion>(`${ctx.base}/rules/versions`, body);
      f.success(t('console.rules.published', { version: published.version, from: published.effectiveFrom }));
    } catch (error) {
      f.showFailure(error);
    }
  });
  form.field('/effectiveFrom', t('console.rules.effectiveFrom'), input({ type: 'date', value: hallNowLocal(ctx.frame.hall.timezone).slice(0, 10) }));
  form.field('/rules', t('console.rules.draft'), textarea({ rows: 18, spellcheck: 'false', class: 'json' }), t('console.rules.draftHint', { version: current.version }));
  (form.element.querySelector('[data-path="/rules"]') as HTMLTextAreaElement).value = JSON.stringify(current.rules, null, 2);

  return h('section', { class: 'console-page', 'data-page': 'rules' }, table, h('h3', {}, t('console.rules.draftTitle')), form.element);
}

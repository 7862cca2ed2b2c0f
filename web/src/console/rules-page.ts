import { ruleCatalogueDraft, type RuleCatalogueVersion } from '@hall/contracts';
import { getJson, postJson } from '../api.ts';
import { h } from '../dom.ts';
import { i18n, t } from '../i18n.ts';
import { category, rule } from '../labels.ts';
import type { ConsoleContext } from './menu.ts';
import { PointerForm, input, textarea } from './form.ts';
import { hallNowLocal } from './hall-time.ts';
import { confirmDialog } from './confirm-dialog.ts';
import { RuleFormRows, type DraftRule } from './rule-form.ts';

/** What a rule costs or earns, in the words of its computation kind; the numbers as published. */
function computationText(r: RuleCatalogueVersion['rules'][number]): string {
  const c = r.computation as Record<string, unknown> & { kind: string };
  const numbers = Object.entries(c)
    .filter(([k, v]) => k !== 'kind' && typeof v === 'number')
    .map(([k, v]) => `${k} ${i18n.number(v as number, 2)}`);
  return [i18n.maybe(`console.rules.kind.${c.kind}`) ?? c.kind, ...numbers].join(' · ');
}

/**
 * Rule versions: the version in force, and a draft made from it (a form per
 * rule for names, points, caps and on/off, the JSON box for everything else;
 * the API's own draft schema checking both) published from a chosen date.
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

  const advanced = h('details', { class: 'advanced' }, h('summary', {}, t('console.rules.advanced')));
  const form = new PointerForm('rule-draft', t('console.rules.publish'), async (f) => {
    let rules: unknown;
    if (advanced.open) {
      try {
        rules = JSON.parse(f.value('/rules'));
      } catch {
        f.clear();
        f.showErrors([{ path: '/rules', message: t('console.rules.notJson') }], t('error.422'));
        return;
      }
    } else rules = rows.read();
    const body = { effectiveFrom: f.value('/effectiveFrom'), rules };
    if (!f.check(ruleCatalogueDraft, body)) return revealJson();
    if (!(await confirmDialog(t('console.rules.confirm', { from: body.effectiveFrom }), t('console.rules.confirmBody', { version: current.version + 1 })))) return;
    try {
      const published = await postJson<RuleCatalogueVersion>(`${ctx.base}/rules/versions`, body);
      f.success(t('console.rules.published', { version: published.version, from: published.effectiveFrom }));
    } catch (error) {
      f.showFailure(error);
      revealJson();
    }
  });
  form.field('/effectiveFrom', t('console.rules.effectiveFrom'), input({ type: 'date', value: hallNowLocal(ctx.frame.hall.timezone).slice(0, 10) }));
  // The common kinds as a form per rule; the JSON box keeps every field of every kind editable ("advanced").
  const rows = new RuleFormRows(form);
  rows.show(current.rules as unknown as DraftRule[]);
  form.element.querySelector('.fields')!.append(h('p', { class: 'hint' }, t('console.rules.formHint')), rows.element, advanced);
  const json = form.field('/rules', t('console.rules.draft'), textarea({ rows: 18, spellcheck: 'false', class: 'json' }), t('console.rules.advancedHint'), advanced);
  // A problem about the whole list lands on the JSON box: open it so it is seen.
  const revealJson = () => {
    if (json.getAttribute('aria-invalid') === 'true') openAdvanced();
  };
  const openAdvanced = () => {
    if (advanced.open) return;
    json.value = JSON.stringify(rows.read(), null, 2);
    advanced.open = true;
  };
  // Opening shows the form's rules as JSON; closing loads the JSON back into the form (or stays open when it is not JSON).
  advanced.querySelector('summary')!.addEventListener('click', (event) => {
    event.preventDefault();
    if (!advanced.open) return openAdvanced();
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.value);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed)) {
      form.clear();
      form.showErrors([{ path: '/rules', message: t('console.rules.notJson') }], t('error.422'));
      return;
    }
    rows.show(parsed as DraftRule[]);
    advanced.open = false;
  });

  return h('section', { class: 'console-page', 'data-page': 'rules' }, table, h('h3', {}, t('console.rules.draftTitle')), form.element);
}

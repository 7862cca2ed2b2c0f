import { restatementBody, transitionBody } from '@hall/contracts';
import { getJson, postJson, type Stage } from '../api.ts';
import { h } from '../dom.ts';
import { i18n, t } from '../i18n.ts';
import { month, score } from '../labels.ts';
import type { ConsoleContext } from './menu.ts';
import { PointerForm, textarea } from './form.ts';
import { confirmDialog } from './confirm-dialog.ts';

interface PeriodDoc {
  period: string;
  stage: Stage;
  versions: Array<{ version: number; kind: 'preliminary' | 'final' | 'restated'; publishedAt: string }>;
  lateEvents: number;
}
interface Restated {
  version: number;
  diff: { fromVersion: number; toVersion: number; subjects: Array<{ subject: { type: 'window' | 'staff'; id: string }; totalBefore: number | null; totalAfter: number | null; rankBefore: number | null; rankAfter: number | null; lineItemsAdded: unknown[]; lineItemsVoided: unknown[] }> };
}

const ORDER: Stage[] = ['open', 'collecting', 'preliminary', 'final'];

/** What moving `from` → `to` publishes: the stages passed through, each preliminary or final a new version (docs/domain.md §6). */
export function publishes(doc: PeriodDoc, to: Stage): Array<{ kind: 'preliminary' | 'final'; version: number }> {
  const out: Array<{ kind: 'preliminary' | 'final'; version: number }> = [];
  let version = doc.versions.at(-1)?.version ?? 0;
  for (const stage of ORDER.slice(ORDER.indexOf(doc.stage) + 1, ORDER.indexOf(to) + 1)) {
    if (stage === 'preliminary' || stage === 'final') out.push({ kind: stage, version: (version += 1) });
  }
  return out;
}

/** Periods: each month's stage, versions and late events; a supervisor moves a month forward (after a confirmation naming what will be published) and restates final months. */
export async function periodsPage(ctx: ConsoleContext): Promise<HTMLElement> {
  const supervisor = ctx.frame.viewer.role === 'supervisor' || ctx.frame.viewer.role === 'admin';
  const docs = await Promise.all(ctx.frame.months.map((m) => getJson<PeriodDoc>(`${ctx.base}/periods/${m.period}`).then((r) => r.body)));
  const page = h('section', { class: 'console-page', 'data-page': 'periods' });
  const diffArea = h('div', { class: 'diff-area' });

  const move = async (doc: PeriodDoc, to: Stage, button: HTMLButtonElement) => {
    const what = publishes(doc, to).map((p) => t('console.periods.publishes', { kind: t(`publication.${p.kind}`), version: p.version })).join(t('console.listSeparator'));
    const ok = await confirmDialog(t('console.periods.confirmTitle', { month: month(doc.period), stage: t(`stage.${to}`) }), what ? t('console.periods.confirmBody', { what }) : t('console.periods.confirmNothing'));
    if (!ok) return;
    const body = { to };
    if (!transitionBody.safeParse(body).success) return;
    button.disabled = true;
    try {
      await postJson(`${ctx.base}/periods/${doc.period}/transitions`, body);
      location.reload();
    } catch (error) {
      button.disabled = false;
      page.prepend(h('div', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
    }
  };

  const restateForm = (doc: PeriodDoc) => {
    const form = new PointerForm(`restate-${doc.period}`, t('console.periods.restate'), async (f) => {
      const body = { reason: f.value('/reason') };
      if (!f.check(restatementBody, body)) return;
      try {
        const restated = await postJson<Restated>(`${ctx.base}/periods/${doc.period}/restatements`, body);
        f.success(t('console.periods.restated', { version: restated.version }));
        diffArea.replaceChildren(diffTable(restated));
      } catch (error) {
        f.showFailure(error);
      }
    });
    form.field('/reason', t('console.periods.restateReason'), textarea({ maxlength: 2000 }));
    return form.element;
  };

  page.append(
    h(
      'table',
      { class: 'periods' },
      h('thead', {}, h('tr', {}, (['month', 'stage', 'versions', 'late', 'actions'] as const).map((c) => h('th', { scope: 'col' }, t(`console.periods.col.${c}`))))),
      h(
        'tbody',
        {},
        docs.map((doc) => {
          const ended = doc.period < ctx.frame.currentPeriod;
          const next = ORDER.slice(ORDER.indexOf(doc.stage) + 1).filter((s) => s !== 'open');
          return h(
            'tr',
            { 'data-period': doc.period },
            h('td', {}, month(doc.period)),
            h('td', { class: 'stage' }, t(`stage.${doc.stage}`)),
            h('td', {}, doc.versions.map((v) => h('div', {}, t('console.periods.version', { version: v.version, kind: t(`publication.${v.kind === 'restated' ? 'restated' : v.kind}`), at: i18n.dateTime(v.publishedAt, ctx.frame.hall.timezone) })))),
            h('td', {}, doc.lateEvents),
            h(
              'td',
              { class: 'actions' },
              supervisor && ended
                ? next.map((to) => {
                    const button: HTMLButtonElement = h('button', { type: 'button', 'data-to': to, onclick: () => void move(doc, to, button) }, t('console.periods.moveTo', { stage: t(`stage.${to}`) }));
                    return button;
                  })
                : null,
              supervisor && doc.stage === 'final' ? restateForm(doc) : null,
            ),
          );
        }),
      ),
    ),
    diffArea,
  );
  return page;
}

/** A restatement's diff, before and after side by side. */
function diffTable(restated: Restated): HTMLElement {
  const n = (x: number | null) => (x === null ? '—' : score(x));
  return h(
    'table',
    { class: 'diff' },
    h('caption', {}, t('console.periods.diff', { from: restated.diff.fromVersion, to: restated.diff.toVersion })),
    h('thead', {}, h('tr', {}, (['subject', 'before', 'after', 'rankBefore', 'rankAfter', 'added', 'voided'] as const).map((c) => h('th', { scope: 'col' }, t(`console.periods.diffCol.${c}`))))),
    h(
      'tbody',
      {},
      restated.diff.subjects.map((s) =>
        h('tr', {}, h('td', {}, `${t(`subject.${s.subject.type}`)} ${s.subject.id}`), h('td', {}, n(s.totalBefore)), h('td', {}, n(s.totalAfter)), h('td', {}, s.rankBefore ?? '—'), h('td', {}, s.rankAfter ?? '—'), h('td', {}, s.lineItemsAdded.length), h('td', {}, s.lineItemsVoided.length)),
      ),
    ),
  );
}

import { getJson } from '../api.ts';
import { h } from '../dom.ts';
import { i18n, t } from '../i18n.ts';
import { month } from '../labels.ts';
import type { ConsoleContext } from './menu.ts';
import { PointerForm, input, select } from './form.ts';
import { exportForm } from './export-events.ts';

/** Runs a long read and shows that it runs, with the seconds spent, until it answers. */
async function withProgress<T>(status: HTMLElement, work: Promise<T>): Promise<T> {
  const started = Date.now();
  const show = () => (status.textContent = t('console.audit.running', { seconds: Math.round((Date.now() - started) / 1000) }));
  show();
  const timer = setInterval(show, 1000);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** The auditor's tools: verify the hash chain and replay a published version from the history alone. */
export async function auditPage(ctx: ConsoleContext): Promise<HTMLElement> {
  const status = h('p', { class: 'progress', role: 'status' });
  const verify = new PointerForm('verify', t('console.audit.verify'), async (f) => {
    f.clear();
    try {
      const r = await withProgress(status, getJson<{ ok: boolean; eventsChecked: number; headPosition: number; firstBrokenPosition?: number }>(`${ctx.base}/audit/verify`).then((x) => x.body));
      status.textContent = '';
      f.success(r.ok ? t('console.audit.verified', { events: i18n.number(r.eventsChecked) }) : t('console.audit.broken', { position: r.firstBrokenPosition ?? '?' }));
    } catch (error) {
      status.textContent = '';
      f.showFailure(error);
    }
  });
  const published = ctx.frame.months.filter((m) => m.version !== null);
  const replay = new PointerForm('replay', t('console.audit.replay'), async (f) => {
    const period = f.value('/period');
    const version = f.value('/version');
    f.clear();
    try {
      const r = await withProgress(status, getJson<{ matches: boolean; differences: unknown[] }>(`${ctx.base}/audit/replay?period=${period}${version ? `&version=${version}` : ''}`).then((x) => x.body));
      status.textContent = '';
      f.success(r.matches ? t('console.audit.matches') : t('console.audit.differs', { count: r.differences.length }));
    } catch (error) {
      status.textContent = '';
      f.showFailure(error);
    }
  });
  replay.field('/period', t('board.monthLabel'), select(published.map((m) => ({ value: m.period, label: month(m.period) }))));
  replay.field('/version', t('console.audit.version'), input({ type: 'number', min: 1 }), t('console.audit.versionHint'));
  return h('section', { class: 'console-page', 'data-page': 'audit' }, verify.element, replay.element, status, exportForm(ctx));
}

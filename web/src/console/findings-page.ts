import { appendRequest, type RuleCatalogueVersion } from '@hall/contracts';
import { getJson, postJson } from '../api.ts';
import { h } from '../dom.ts';
import { t } from '../i18n.ts';
import { category, rule } from '../labels.ts';
import type { ConsoleContext } from './menu.ts';
import { PointerForm, input, select, textarea } from './form.ts';
import { hallLocalToRfc3339, hallNowLocal, newEventId } from './hall-time.ts';
import { loadCatalogues, versionInForce } from './catalogues.ts';

interface WindowRow { windowId: string; number: string; name: string; closed: boolean }
interface StaffRow { staffId: string; name: string }

const FINDING = '/events/0/data/findings/0';

/** Rules a finding may name: `finding` rules and derived rules that also accept findings (docs/domain.md §4.1). */
const recordable = (version: RuleCatalogueVersion) => version.rules.filter((r) => r.trigger === 'finding' || r.alsoByFinding);

/** Record an inspection finding: the rule picker offers the rules in force on the chosen date, by name. */
export async function findingsPage(ctx: ConsoleContext): Promise<HTMLElement> {
  const tz = ctx.frame.hall.timezone;
  const [windows, staff, catalogues] = await Promise.all([
    getJson<{ windows: WindowRow[] }>(`${ctx.base}/windows`).then((r) => r.body.windows.filter((w) => !w.closed)),
    getJson<{ staff: StaffRow[] }>(`${ctx.base}/staff`).then((r) => r.body.staff),
    loadCatalogues(ctx.base),
  ]);
  let eventId = newEventId('finding');
  const result = h('p', { class: 'result', role: 'status' });

  const form = new PointerForm('finding', t('console.findings.submit'), async (f) => {
    const occurredAt = hallLocalToRfc3339(f.value('/events/0/occurredAt'), tz);
    const count = Number(f.value(`${FINDING}/count`) || '1');
    const staffId = f.value(`${FINDING}/staffId`);
    const note = f.value(`${FINDING}/note`);
    const body = {
      events: [
        {
          id: eventId,
          type: 'InspectionRecorded',
          occurredAt,
          data: {
            inspectionId: eventId,
            inspectorId: f.value('/events/0/data/inspectorId'),
            findings: [{ ruleCode: f.value(`${FINDING}/ruleCode`), windowId: f.value(`${FINDING}/windowId`), ...(staffId ? { staffId } : {}), count, ...(note ? { note } : {}) }],
          },
        },
      ],
    };
    if (!f.check(appendRequest, body)) return;
    try {
      await postJson(`${ctx.base}/events`, body);
      const windowId = body.events[0]!.data.findings[0]!.windowId;
      const period = occurredAt.slice(0, 7);
      f.success(t('console.findings.recorded'));
      result.replaceChildren(h('a', { href: `/board/${encodeURIComponent(ctx.hallId)}/windows/${encodeURIComponent(windowId)}?period=${period}`, class: 'see-window' }, t('console.findings.seeWindow')));
      eventId = newEventId('finding');
    } catch (error) {
      f.showFailure(error);
    }
  });

  const when = form.field('/events/0/occurredAt', t('console.findings.when'), input({ type: 'datetime-local', value: hallNowLocal(tz), required: true }), t('console.timeZone', { tz }));
  form.field('/events/0/data/inspectorId', t('console.findings.inspector'), input({ value: ctx.frame.viewer.role, maxlength: 64, required: true }));
  form.field(`${FINDING}/windowId`, t('console.findings.window'), select(windows.map((w) => ({ value: w.windowId, label: `${w.number} ${w.name}` }))));
  form.field(`${FINDING}/staffId`, t('console.findings.staff'), select([{ value: '', label: t('console.none') }, ...staff.map((s) => ({ value: s.staffId, label: s.name }))]));
  const picker = form.field(`${FINDING}/ruleCode`, t('console.findings.rule'), h('select', {}));
  const versionNote = h('small', { class: 'rule-version' });
  picker.after(versionNote);
  form.field(`${FINDING}/count`, t('console.findings.count'), input({ type: 'number', min: 1, max: 1000, value: 1 }));
  form.field(`${FINDING}/note`, t('console.findings.note'), textarea({ maxlength: 2000 }));

  // The picker follows the date: the catalogue version in force that day, rules by category, Chinese names first.
  const fillPicker = () => {
    const chosen = picker.value;
    const version = versionInForce(catalogues, when.value.slice(0, 10));
    if (!version) return;
    versionNote.textContent = t('console.findings.version', { version: version.version, from: version.effectiveFrom });
    const byCategory = new Map<string, RuleCatalogueVersion['rules']>();
    for (const r of recordable(version)) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);
    picker.replaceChildren(
      ...[...byCategory].map(([code, rules]) => h('optgroup', { label: category(code) }, rules.map((r) => h('option', { value: r.code, selected: r.code === chosen }, t('console.findings.ruleOption', { name: rule(r.code, r.name), code: r.code }))))),
    );
  };
  when.addEventListener('change', fillPicker);
  fillPicker();

  return h('section', { class: 'console-page', 'data-page': 'findings' }, h('p', { class: 'lead' }, t('console.findings.lead')), form.element, result);
}

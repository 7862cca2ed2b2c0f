import type { MessageKey } from '@hall/messages';
import { h } from '../dom.ts';
import { t } from '../i18n.ts';
import { rule as ruleName } from '../labels.ts';
import { input, type PointerForm } from './form.ts';

/** A rule of the draft as the API takes it; the form touches only the fields below and keeps every other as it was. */
export type DraftRule = Record<string, unknown> & { code: string; name: string; computation: Record<string, unknown> & { kind: string }; cap?: number | null; enabled?: boolean };

/**
 * The numbers each common computation kind is edited by. `ratio_band` has a
 * list of bands: it is left to the JSON box, as any kind not listed here.
 */
const numbersOf: Record<string, ReadonlyArray<readonly [string, MessageKey]>> = {
  per_occurrence: [['points', 'console.rules.field.points']],
  per_person_per_day: [['points', 'console.rules.field.points']],
  per_overdue_working_day: [['points', 'console.rules.field.points']],
  per_day_or_half_day: [
    ['pointsPerDay', 'console.rules.field.pointsPerDay'],
    ['pointsPerHalfDay', 'console.rules.field.pointsPerHalfDay'],
  ],
  period_threshold: [
    ['below', 'console.rules.field.below'],
    ['points', 'console.rules.field.points'],
  ],
  shortfall: [['pointsPerPercent', 'console.rules.field.pointsPerPercent']],
};

/** Empty stays empty (the schema says "required"), anything else is read as typed; a number field gives '' for garbage. */
const numberOrUndefined = (text: string) => (text === '' ? undefined : Number(text));
const numberInput = (value: unknown) => input({ type: 'number', step: 'any', inputmode: 'decimal', value: typeof value === 'number' ? value : '' });

/**
 * One fieldset per rule of the draft, each control carrying the JSON Pointer it
 * fills (`/rules/3/computation/points`), so the draft schema's issues and the
 * API's problem paths land beside the number they name.
 */
export class RuleFormRows {
  readonly element = h('div', { class: 'rule-rows' });
  private rules: DraftRule[] = [];
  private readonly enabled = new Map<number, HTMLInputElement>();

  constructor(private readonly form: PointerForm) {}

  show(rules: DraftRule[]): void {
    this.form.forget('/rules/');
    this.enabled.clear();
    this.rules = rules.map((r) => structuredClone(r));
    this.element.replaceChildren(...this.rules.map((r, i) => this.row(r, i)));
  }

  /** The draft's rules with what the form holds; fields the form does not show are kept as they were. */
  read(): DraftRule[] {
    return this.rules.map((original, i) => {
      const r: DraftRule = structuredClone(original);
      const at = (suffix: string) => `/rules/${i}${suffix}`;
      r.name = this.form.value(at('/name'));
      for (const [key] of numbersOf[r.computation.kind] ?? []) r.computation[key] = numberOrUndefined(this.form.value(at(`/computation/${key}`)));
      const cap = this.form.value(at('/cap'));
      r.cap = cap === '' ? null : Number(cap);
      // Absent means on: a rule that was on stays without the flag, so an untouched draft is the same text.
      const on = this.enabled.get(i)?.checked ?? true;
      if (on && original.enabled === undefined) delete r.enabled;
      else r.enabled = on;
      return r;
    });
  }

  private row(r: DraftRule, i: number): HTMLElement {
    const box = h('div', { class: 'rule-row-fields' });
    const at = (suffix: string) => `/rules/${i}${suffix}`;
    const on = this.form.field(at('/enabled'), t('console.rules.field.enabled'), input({ type: 'checkbox' }), undefined, box);
    on.checked = r.enabled !== false;
    this.enabled.set(i, on);
    this.form.field(at('/name'), t('console.rules.field.name'), input({ value: r.name, maxlength: 200 }), undefined, box);
    // A problem with a part of the rule the form does not show (its category, a band) stands beside the rule's name.
    this.form.alias(at(''), at('/name'));
    const numbers = numbersOf[r.computation.kind];
    for (const [key, label] of numbers ?? []) this.form.field(at(`/computation/${key}`), t(label), numberInput(r.computation[key]), undefined, box);
    const cap = this.form.field(at('/cap'), t('console.rules.field.cap'), numberInput(r.cap), undefined, box);
    cap.placeholder = t('console.rules.field.noCap');
    return h(
      'fieldset',
      { class: 'rule-row', 'data-rule': r.code },
      h('legend', {}, ruleName(r.code, r.name), h('small', { class: 'code' }, ` ${r.code}`)),
      box,
      numbers ? null : h('p', { class: 'hint' }, t('console.rules.bandsInJson')),
    );
  }
}

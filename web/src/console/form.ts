import type { z } from 'zod';
import { translateEnglishText } from '@hall/messages';
import { ApiError } from '../api.ts';
import { h } from '../dom.ts';
import { i18n, t } from '../i18n.ts';
import { errorText } from '../labels.ts';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * A form whose fields name the JSON Pointer of the request they fill
 * (`/events/0/data/findings/0/ruleCode`), so the zod schema's issues and the
 * API's problem `errors[].path` land next to the field they name. Fields keep
 * what was typed when a submit fails.
 */
export class PointerForm {
  readonly element: HTMLFormElement;
  private readonly alert = h('div', { class: 'form-alert', role: 'alert' });
  private readonly fields = new Map<string, { control: Control; note: HTMLElement }>();
  private counter = 0;

  constructor(
    readonly name: string,
    submitLabel: string,
    onSubmit: (form: PointerForm) => Promise<void>,
  ) {
    const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
    this.element = h('form', { class: 'console-form', 'data-form': name, novalidate: true });
    this.element.append(this.alert, h('div', { class: 'fields' }), h('div', { class: 'actions' }, submit));
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      submit.disabled = true;
      void onSubmit(this).finally(() => (submit.disabled = false));
    });
  }

  /** Adds a labelled control for `path` (into `container`, else the form's field list); returns the control. */
  field<C extends Control>(path: string, label: string, control: C, hint?: string, container?: HTMLElement): C {
    const id = `${this.name}-${++this.counter}`;
    control.id = id;
    control.dataset.path = path;
    const note = h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
    control.setAttribute('aria-describedby', `${id}-error`);
    this.fields.set(path, { control, note });
    (container ?? this.element.querySelector('.fields')!).append(h('div', { class: 'field', 'data-field': path }, h('label', { for: id }, label), control, hint ? h('small', {}, hint) : null, note));
    return control;
  }

  /** Shows messages for `path` (and what lies under it without a field of its own) beside the field of `target`. */
  alias(path: string, target: string): void {
    const found = this.fields.get(target);
    if (found) this.fields.set(path, found);
  }

  /** Forgets the fields under `prefix` (a container about to be rebuilt). */
  forget(prefix: string): void {
    for (const path of [...this.fields.keys()]) if (path.startsWith(prefix)) this.fields.delete(path);
  }

  value(path: string): string {
    return this.fields.get(path)?.control.value.trim() ?? '';
  }

  /** Clears earlier notes; call before checking again. */
  clear(): void {
    this.alert.replaceChildren();
    this.alert.classList.remove('shown', 'ok');
    for (const { control, note } of this.fields.values()) {
      note.textContent = '';
      control.removeAttribute('aria-invalid');
    }
  }

  /** Puts each message beside the field its path names (the nearest field above it), the rest in the form's alert. */
  showErrors(errors: ReadonlyArray<{ path: string; message: string }>, summary?: string): void {
    const loose: string[] = [];
    for (const error of errors) {
      const message = translateEnglishText(error.message, i18n.locale) ?? error.message;
      const target = this.nearestField(error.path);
      if (target) {
        target.note.textContent = target.note.textContent ? `${target.note.textContent} · ${message}` : message;
        target.control.setAttribute('aria-invalid', 'true');
      } else loose.push(`${error.path}: ${message}`);
    }
    if (summary || loose.length > 0) {
      this.alert.classList.add('shown');
      this.alert.replaceChildren(summary ? h('strong', {}, summary) : '', loose.length ? h('ul', {}, loose.map((l) => h('li', {}, l))) : '');
    }
    (this.element.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
  }

  /** Checks `body` with the API's own schema; false (and the notes shown) when it breaks it. */
  check<S extends z.ZodType>(schema: S, body: unknown, prefix = ''): body is z.infer<S> {
    this.clear();
    const parsed = schema.safeParse(body);
    if (parsed.success) return true;
    this.showErrors(
      parsed.error.issues.map((issue) => ({ path: `${prefix}${issue.path.map((p) => `/${String(p)}`).join('')}`, message: issue.message })),
      t('error.422'),
    );
    return false;
  }

  /** Shows what the API refused: the problem's field errors beside their fields, its title and detail above. */
  showFailure(error: unknown): void {
    if (error instanceof ApiError) {
      const p = error.problem;
      this.showErrors(p.errors ?? [], [p.title ?? errorText(error.status), p.detail].filter(Boolean).join(' — '));
    } else this.showErrors([], error instanceof Error ? error.message : String(error));
  }

  success(message: string): void {
    this.alert.classList.add('shown', 'ok');
    this.alert.replaceChildren(h('strong', {}, message));
  }

  private nearestField(path: string) {
    for (let p = path; p; p = p.slice(0, p.lastIndexOf('/'))) {
      const found = this.fields.get(p);
      if (found) return found;
    }
    return undefined;
  }
}

export const input = (attrs: Record<string, string | number | boolean | undefined> = {}) => h('input', { type: 'text', ...attrs });
export const select = (options: Array<{ value: string; label: string }>, attrs: Record<string, string | undefined> = {}) =>
  h('select', attrs, options.map((o) => h('option', { value: o.value }, o.label)));
export const textarea = (attrs: Record<string, string | number | undefined> = {}) => h('textarea', { rows: 3, ...attrs });

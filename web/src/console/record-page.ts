import { h } from '../dom.ts';
import type { ConsoleContext } from './menu.ts';
import { eventForm, type EventAction } from './event-form.ts';
import { loadNames } from './names.ts';

/**
 * A page of recording forms, one per event type, built from the hall's names.
 * Every form stays on the page, so what is typed in one survives using another.
 */
export const recordPage =
  (id: string, actions: readonly EventAction[]) =>
  async (ctx: ConsoleContext): Promise<HTMLElement> => {
    const names = await loadNames(ctx);
    return h('section', { class: 'console-page', 'data-page': id }, actions.map((a) => eventForm(ctx, a, names)));
  };

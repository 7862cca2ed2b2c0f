import { h } from '../dom.ts';
import { t } from '../i18n.ts';
import type { ConsoleContext } from './menu.ts';

/** The display pages, opened in this tab so they read the session's token (it never goes into an address). */
export async function boardLinksPage(ctx: ConsoleContext): Promise<HTMLElement> {
  const hall = encodeURIComponent(ctx.hallId);
  return h(
    'section',
    { class: 'console-page', 'data-page': 'boards' },
    h('ul', { class: 'month-links' }, h('li', {}, h('a', { href: `/board/${hall}`, class: 'open-board' }, t('console.boards.board'))), h('li', {}, h('a', { href: `/board/${hall}/staff` }, t('console.boards.staff')))),
  );
}

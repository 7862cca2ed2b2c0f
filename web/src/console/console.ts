import './console.css';
import { ApiError, getJson, hallPath, signIn, signOut, token, type BoardFrame } from '../api.ts';
import { h, mount } from '../dom.ts';
import { languageSwitch, t } from '../i18n.ts';
import { errorText } from '../labels.ts';
import { pagesFor, type ConsoleContext, type ConsolePage } from './menu.ts';

/**
 * The supervision console at /console/{hallId}: sign in with a client token
 * (kept in sessionStorage for this tab, never in the address), then the menu
 * of the token's role; pages are chosen by the address's #fragment.
 */
export async function showConsole(hallId: string): Promise<void> {
  if (!token) return showSignIn(hallId);
  let frame: BoardFrame;
  try {
    frame = (await getJson<BoardFrame>(`${hallPath(hallId)}/board`)).body;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      signOut();
      return showSignIn(hallId, errorText(error.status));
    }
    throw error;
  }
  const ctx: ConsoleContext = { hallId, frame, base: hallPath(hallId) };
  const pages = pagesFor(frame.viewer.role);
  const main = h('main', { class: 'console-main', id: 'console-main', tabindex: -1 });

  const show = async () => {
    const wanted = location.hash.replace(/^#\/?/, '').split('?')[0];
    const page: ConsolePage | undefined = pages.find((p) => p.id === wanted) ?? pages[0];
    for (const link of document.querySelectorAll('.console-nav a')) link.toggleAttribute('aria-current', link.getAttribute('data-page') === page?.id);
    delete document.body.dataset.ready;
    main.replaceChildren(h('p', { class: 'loading' }, t('page.loading')));
    if (!page) {
      main.replaceChildren(h('p', {}, t('console.noPages')));
    } else {
      try {
        main.replaceChildren(h('h2', {}, t(page.title)), await page.render(ctx));
      } catch (error) {
        main.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('strong', {}, errorText(error instanceof ApiError ? error.status : 0)), h('p', {}, error instanceof Error ? error.message : String(error))));
      }
    }
    document.body.dataset.ready = 'true';
    document.body.dataset.page = page?.id ?? '';
  };

  mount(
    h(
      'div',
      { class: 'console' },
      h(
        'header',
        { class: 'console-header' },
        h('h1', {}, t('console.heading', { hall: frame.hall.name })),
        h('span', { class: 'who' }, t(`role.${frame.viewer.role}`)),
        languageSwitch(),
        h(
          'button',
          {
            type: 'button',
            class: 'sign-out',
            onclick: () => {
              signOut();
              location.hash = '';
              location.reload();
            },
          },
          t('console.signOut'),
        ),
      ),
      h('nav', { class: 'console-nav', 'aria-label': t('console.menu') }, h('ul', {}, pages.map((p) => h('li', {}, h('a', { href: `#/${p.id}`, 'data-page': p.id }, t(p.title)))))),
      main,
    ),
  );
  window.addEventListener('hashchange', () => void show());
  await show();
}

function showSignIn(hallId: string, problem?: string): void {
  const field = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'off', required: true });
  const note = h('p', { class: 'field-error', id: 'token-error', role: 'alert' }, problem ?? '');
  field.setAttribute('aria-describedby', 'token-error');
  mount(
    h(
      'div',
      { class: 'console sign-in' },
      h('header', { class: 'console-header' }, h('h1', {}, t('console.title')), languageSwitch()),
      h(
        'main',
        { class: 'console-main' },
        h(
          'form',
          {
            class: 'console-form',
            'data-form': 'sign-in',
            onsubmit: (e: Event) => {
              e.preventDefault();
              if (!field.value.trim()) {
                note.textContent = t('console.tokenMissing');
                return;
              }
              signIn(field.value.trim());
              void showConsole(hallId);
            },
          },
          h('h2', {}, t('console.signIn')),
          h('p', {}, t('console.signInHint')),
          h('div', { class: 'field' }, h('label', { for: 'token' }, t('console.token')), field, note),
          h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('console.signIn'))),
        ),
      ),
    ),
  );
  document.body.dataset.ready = 'true';
  document.body.dataset.page = 'sign-in';
}

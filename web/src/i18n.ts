import { locales, negotiateLocale, translator, type Locale } from '@hall/messages';
import { h } from './dom.ts';

/** A language chosen with the switch is remembered on this computer; otherwise the browser's languages decide. */
const CHOICE = 'hall.language';

function chosenLocale(): Locale {
  const saved = localStorage.getItem(CHOICE);
  if (saved && (locales as readonly string[]).includes(saved)) return saved as Locale;
  return negotiateLocale(navigator.languages);
}

export const i18n = translator(chosenLocale());
export const t = i18n.t;
document.documentElement.lang = i18n.locale;
document.title = t('page.title');

/** A button that switches to the other language and reloads the page (nothing typed is on a page that reloads). */
export function languageSwitch(): HTMLElement {
  const other = locales.find((l) => l !== i18n.locale)!;
  return h(
    'button',
    {
      type: 'button',
      class: 'language-switch',
      lang: other,
      'aria-label': `${t('page.language')}: ${t('page.otherLanguage')}`,
      onclick: () => {
        localStorage.setItem(CHOICE, other);
        location.reload();
      },
    },
    t('page.otherLanguage'),
  );
}

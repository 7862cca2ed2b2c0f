import { h } from '../dom.ts';
import { t } from '../i18n.ts';

/** A modal confirmation (the native <dialog>): resolves true on confirm, false on cancel or Escape. */
export function confirmDialog(title: string, body: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' });
    const close = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.append(
      h('h2', { id: 'confirm-title' }, title),
      h('p', { class: 'confirm-body' }, body),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary confirm-yes', onclick: () => close(true) }, t('console.confirm')), h('button', { type: 'button', class: 'confirm-no', onclick: () => close(false) }, t('window.cancel'))),
    );
    dialog.addEventListener('cancel', () => close(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}

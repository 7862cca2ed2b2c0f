import { getStream } from '../api.ts';
import { h } from '../dom.ts';
import { i18n, t } from '../i18n.ts';
import type { ConsoleContext } from './menu.ts';
import { PointerForm } from './form.ts';

/**
 * The auditor's export: the events route's NDJSON mode streamed into a file
 * the browser saves, counting events as they arrive so a long history shows
 * that it moves. The file is exactly what the API sent (one event a line).
 */
export function exportForm(ctx: ConsoleContext): HTMLElement {
  const progress = h('progress', { class: 'export-progress', 'aria-label': t('console.export.progress') });
  const count = h('p', { class: 'export-count', role: 'status' });
  const form = new PointerForm('export', t('console.export.start'), async (f) => {
    f.clear();
    progress.removeAttribute('value');
    progress.hidden = false;
    try {
      const reader = (await getStream(`${ctx.base}/events`, 'application/x-ndjson')).getReader();
      const chunks: Uint8Array[] = [];
      let events = 0;
      let bytes = 0;
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        chunks.push(next.value);
        bytes += next.value.length;
        for (const byte of next.value) if (byte === 10) events += 1;
        count.textContent = t('console.export.counting', { events: i18n.number(events), kib: i18n.number(Math.ceil(bytes / 1024)) });
      }
      progress.value = 1;
      progress.max = 1;
      const link = h('a', { href: URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'application/x-ndjson' })), download: `${ctx.hallId}-events.ndjson`, class: 'export-file' }, t('console.export.save'));
      count.replaceChildren(t('console.export.done', { events: i18n.number(events) }), ' ', link);
      link.click();
      f.success(t('console.export.done', { events: i18n.number(events) }));
    } catch (error) {
      progress.hidden = true;
      f.showFailure(error);
    }
  });
  progress.hidden = true;
  return h('section', { class: 'export', 'data-form-wrapper': 'export' }, h('h3', {}, t('console.export.title')), h('p', {}, t('console.export.lead')), form.element, progress, count);
}

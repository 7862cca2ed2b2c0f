import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findEnglishText } from './index.ts';

/**
 * The scan behind "one source for every user-facing text": the web pages and
 * the API's problem texts may hold no words of their own.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$|\.test-helper\.ts$|\.fixture\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Comments may explain in Chinese (a glossary term); only code counts. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
const read = (file: string) => withoutComments(readFileSync(join(ROOT, file), 'utf8'));

/** A string or template literal with `${…}` as a placeholder, the way the catalogue writes `{name}`. */
const literal = String.raw`(['\`])((?:\\.|(?!\1)[^\\])*)\1`;
/** A catalogue key ('console.menu.findings') names a message; it is not one. */
const isMessageKey = (text: string) => /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(text);
const asTemplate = (text: string) => text.replace(/\$\{[^}]*\}/g, 'x');

describe('no user-facing text outside the message catalogue', () => {
  it('leaves no Chinese in the web pages', () => {
    const found = sourceFiles('web/src').flatMap((file) =>
      read(file)
        .split('\n')
        .flatMap((line, i) => (HAN.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('leaves no English words as text, labels or placeholders in the web pages', () => {
    const patterns = [
      // h('tag', {...}, 'Words') — a literal child of an element
      new RegExp(String.raw`\bh\(\s*'[a-z0-9]+'\s*,\s*\{[^{}]*\}\s*,\s*${literal}`, 'g'),
      // 'aria-label': 'Words', placeholder: 'Words', title: 'Words'
      new RegExp(String.raw`(?:'aria-label'|placeholder|title)\s*:\s*${literal}`, 'g'),
      // el.textContent = 'Words'
      new RegExp(String.raw`textContent\s*=\s*${literal}`, 'g'),
    ];
    const found = sourceFiles('web/src').flatMap((file) => {
      const text = read(file);
      return patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[2] ?? '').filter((s) => !isMessageKey(s) && /[A-Za-z]{2,}/.test(asTemplate(s).replace(/\bx\b/g, ''))).map((s) => `${file}: ${s}`));
    });
    expect(found).toEqual([]);
  });

  it('finds a catalogue entry for every problem detail and field message the service writes', () => {
    const patterns = [new RegExp(String.raw`new DomainError\(\s*'[A-Z_]+'\s*,\s*${literal}`, 'g'), new RegExp(String.raw`\bmessage:\s*${literal}`, 'g'), new RegExp(String.raw`\bproblem\(\s*[^,]+,\s*${literal}`, 'g')];
    const dirs = ['services', 'packages/contracts/src', 'packages/scoring/src/periods', 'packages/event-store/src', ...(safeDir('packages/assessment') ? ['packages/assessment'] : [])];
    const texts = dirs.flatMap(sourceFiles).flatMap((file) => {
      const text = read(file);
      return patterns.flatMap((re) => [...text.matchAll(re)].map((m) => ({ file, text: asTemplate(m[2] ?? '') })));
    });
    expect(texts.length).toBeGreaterThan(40);
    expect(texts.filter((x) => !findEnglishText(x.text)).map((x) => `${x.file}: ${x.text}`)).toEqual([]);
  });
});

function safeDir(dir: string): boolean {
  try {
    readdirSync(join(ROOT, dir));
    return true;
  } catch {
    return false;
  }
}


import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The repository ships on its own: code, comments, README and the OpenAPI
 * document point at docs/domain.md and docs/integration.md, never at files
 * outside the repository (the old domain spec and wire-contract pages).
 * docs/decisions/ is left out: records may quote what they were decided against.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const thisFile = 'test/docs-references.unit.test.ts';

const outsideReferences: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /\.\.\/shared\//, why: 'a path outside the repository' },
  { pattern: /shared\/domain\//, why: 'the old domain folder' },
  { pattern: /\bSPEC\b/, why: 'the old spec: cite docs/domain.md §N' },
  { pattern: /\bAPI\.md\b/, why: 'the old wire contract: cite docs/integration.md' },
];

const binary = /\.(png|jpe?g|gif|ico|webp|woff2?|ttf|xlsx|zip|gz|pdf|wasm)$/i;

function trackedTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return listed
    .split('\0')
    .filter((path) => path !== '' && !path.startsWith('docs/decisions/') && path !== thisFile && !binary.test(path));
}

/** Every `path:line: text` in `text` that points outside the repository. */
function findOutsideReferences(path: string, text: string): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const { pattern, why } of outsideReferences) {
      if (pattern.test(line)) hits.push(`${path}:${i + 1}: ${why}: ${line.trim().slice(0, 160)}`);
    }
  });
  return hits;
}

/** The section numbers docs/domain.md has as headings: `## 4. …` → 4, `### 4.2 …` → 4.2. */
function domainSections(text: string): Set<string> {
  const sections = new Set<string>();
  for (const match of text.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)) sections.add(match[1]!);
  return sections;
}

describe('references in the repository', () => {
  it('recognises each kind of outside reference, and not the in-repository ones', () => {
    expect(findOutsideReferences('a.ts', `// see ../${'shared'}/domain/x`)).toHaveLength(2);
    expect(findOutsideReferences('a.ts', `/** ${'SPEC'} §4.2 */`)).toHaveLength(1);
    expect(findOutsideReferences('a.ts', `'(${'API'}.md "Errors")'`)).toHaveLength(1);
    expect(findOutsideReferences('a.ts', '/** docs/domain.md §4.2, docs/integration.md "Errors"; INSPECTOR, SPEC_CODES */')).toEqual([]);
  });

  it('points nowhere outside the repository from any tracked file but the decision records', () => {
    const files = trackedTextFiles();
    expect(files).toContain('README.md');
    const hits = files.flatMap((path) => findOutsideReferences(path, readFileSync(`${root}/${path}`, 'utf8')));
    expect(hits).toEqual([]);
  });

  it('cites only sections docs/domain.md has', () => {
    const sections = domainSections(readFileSync(`${root}/docs/domain.md`, 'utf8'));
    expect(sections).toContain('4.2');
    const cited = new Set<string>();
    for (const path of trackedTextFiles()) {
      const text = readFileSync(`${root}/${path}`, 'utf8');
      // "docs/domain.md §4.1, §9" and "§7–§8" cite every section listed after the file name.
      for (const match of text.matchAll(/docs\/domain\.md((?:[ ,–-]*(?:and )?§\d+(?:\.\d+)?)+)/g)) {
        for (const section of match[1]!.matchAll(/§(\d+(?:\.\d+)?)/g)) cited.add(`${path}: §${section[1]!}`);
      }
    }
    const missing = [...cited].filter((entry) => !sections.has(entry.split('§')[1]!));
    expect(cited.size).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});

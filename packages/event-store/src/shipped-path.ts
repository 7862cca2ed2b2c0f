import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The absolute path of `relative` (a folder shipped beside the code, such as
 * `migrations` or `web/dist`) in the nearest directory at or above the module
 * `fromUrl` that has it. One lookup serves both layouts: the TypeScript source
 * (`packages/event-store/src/…` → repository root) and the bundled build
 * (`dist/server.mjs` → the deployed root), where every module shares the
 * bundle's `import.meta.url` (docs/decisions/1041-build-and-production-install.md).
 * Throws when no ancestor has it, naming where it looked.
 *
 * ### Example
 * ```ts
 * const migrations = shippedPath('migrations', import.meta.url);
 * ```
 */
export function shippedPath(relative: string, fromUrl: string): string {
  const start = dirname(fileURLToPath(fromUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return `${candidate}/`;
    if (dirname(dir) === dir) throw new Error(`no ${relative}/ at or above ${start}`);
  }
}

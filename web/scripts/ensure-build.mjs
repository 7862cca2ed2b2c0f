// Builds the front end when web/dist is missing, so `pnpm start` serves the board on a fresh clone.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${web}/dist/index.html`)) {
  process.stdout.write('web/dist is missing: building the board front end\n');
  execFileSync('pnpm', ['--filter', '@hall/web', 'build'], { stdio: 'inherit' });
}

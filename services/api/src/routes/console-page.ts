import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '@hall/contracts';

/** The same built front end as the board (web/dist); main.ts picks the page from the path. */
const INDEX = fileURLToPath(new URL('../../../../web/dist/index.html', import.meta.url));

/**
 * The pages added with the console (issue 16): the supervision console at
 * /console/{hallId} and the staff ranking board. Like the board, the page is
 * public and the data it fetches needs a token; the console keeps its token in
 * the browser session, never in the address.
 */
export const consolePageRoutes: FastifyPluginAsync = async (app) => {
  const page = async () => {
    try {
      return await readFile(INDEX, 'utf8');
    } catch {
      throw new DomainError('NOT_READY', 'The board front end is not built: run `pnpm --filter @hall/web build`');
    }
  };
  for (const url of ['/console/:hallId', '/board/:hallId/staff']) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('referrer-policy', 'no-referrer').send(await page()),
    );
  }
};

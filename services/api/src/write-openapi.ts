import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from './openapi-document.ts';

/** Writes openapi/openapi.json from the routes (CI fails when the committed file differs). */
const target = fileURLToPath(new URL('../../../openapi/openapi.json', import.meta.url));
const document = await openApiDocument();
await writeFile(target, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const documentPath = join(root, 'openapi/openapi.json');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
// Nothing may reach the network at test time: no telemetry, no update check.
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1' };

/** Runs a tool and keeps its output whatever its exit code (linters exit 1 on findings). */
async function tool(name: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(bin(name), args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', code: failed.code ?? 1 };
  }
}

/** TypeScript's verdict on the generated files plus a vendor's use of them. */
function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

// The tools take tens of seconds each on a shared 2-core machine.
describe('the committed OpenAPI document in vendors’ tools', { timeout: 240_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hall-openapi-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes Redocly’s recommended rules with no error', async () => {
    const result = await tool('redocly', ['lint', '--config', 'openapi/redocly.yaml', '--format', 'json', documentPath]);
    const report = JSON.parse(result.stdout) as { totals: { errors: number }; problems: Array<{ severity: string; ruleId: string; message: string }> };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(result.code).toBe(0);
  });

  it('passes Spectral’s spectral:oas rules with no error', async () => {
    const result = await tool('spectral', ['lint', '--ruleset', 'openapi/.spectral.yaml', '--format', 'json', '--quiet', documentPath]);
    const findings = JSON.parse(result.stdout) as Array<{ code: string; severity: number; message: string; path: string[] }>;
    // Spectral's severities: 0 error, 1 warning, 2 info, 3 hint.
    expect(findings.filter((f) => f.severity === 0)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('generates types with openapi-typescript and a fetch client with orval that a vendor’s code compiles against', async () => {
    const schema = join(dir, 'schema.ts');
    const client = join(dir, 'client.ts');
    const [typesRun, clientRun] = await Promise.all([
      tool('openapi-typescript', [documentPath, '--output', schema]),
      tool('orval', ['--input', documentPath, '--output', client, '--client', 'fetch']),
    ]);
    expect(typesRun.code).toBe(0);
    expect(clientRun.code).toBe(0);
    // orval reports a document its validator refuses but carries on: that is a failure here.
    expect(`${clientRun.stdout}${clientRun.stderr}`).not.toMatch(/validation failed|error/i);
    expect(await readFile(client, 'utf8')).toMatch(/export const appendEvents = async \(/);

    const usage = join(dir, 'usage.ts');
    await writeFile(
      usage,
      [
        "import type { components, operations } from './schema.ts';",
        "import { appendEvents, getWindowScore } from './client.ts';",
        "type AppendBody = operations['appendEvents']['requestBody']['content']['application/json'];",
        "const ticket: components['schemas']['TicketIssuedEventInput'] = {",
        "  id: 'ticket-1', type: 'TicketIssued', occurredAt: '2026-09-17T09:30:00+08:00',",
        "  data: { ticketId: 't-1', number: 'A017', serviceItemId: 'si-1' },",
        '};',
        'const body: AppendBody = { events: [ticket] };',
        "type Problem = components['schemas']['Problem'];",
        "export const conflict: Problem['code'] = 'EVENT_ID_CONFLICT';",
        "export const sent = appendEvents('hall-1', body).then((response) => response.status);",
        "export const read = getWindowScore('hall-1', '2026-09', 'w-01');",
        '',
      ].join('\n'),
    );
    expect(typeErrors([usage])).toEqual([]);
  });
});

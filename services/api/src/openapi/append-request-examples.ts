import { z } from 'zod';
import { clientEventSchemas } from '@hall/contracts';

type Example = { summary: string; description?: string; value: { events: unknown[] } };

/**
 * One `POST /events` example per event type, named by the type, built from the
 * example registered beside each data schema in packages/contracts
 * (`.meta({ examples })`): a new event type shows up here once it has one (a
 * contracts test requires it).
 */
export function appendRequestExamples(): Record<string, Example> {
  const examples: Record<string, Example> = {};
  for (const [type, schema] of Object.entries(clientEventSchemas)) {
    const meta = z.globalRegistry.get(schema);
    const data = (meta?.examples as unknown[] | undefined)?.[0];
    if (data === undefined) continue;
    const id = `${type.replaceAll(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase()}-0917-001`;
    examples[type] = {
      summary: type,
      ...(meta?.description ? { description: meta.description } : {}),
      value: { events: [{ id, type, occurredAt: '2026-09-17T09:30:00+08:00', data }] },
    };
  }
  return examples;
}

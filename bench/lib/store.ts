import { schemaVersions } from '@hall/contracts';
export { appendEvents, connect, migrateToLatest } from '@hall/event-store';
export { organisationView } from '@hall/assessment';

export function schemaVersionsFor(): Record<string, number> {
  return schemaVersions;
}

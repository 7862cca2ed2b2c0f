import type { Logger } from 'pino';
import type { Store } from '@hall/event-store';
import type { AuditSigner, HallStates } from '@hall/assessment';
import type { Config } from './config.ts';

/** What the HTTP door is built from: every dependency explicit (habit 4). */
export interface AppDeps {
  config: Config;
  store: Store;
  assessment: HallStates;
  /** Signs the checkpoints of final and restated publications. */
  signer: AuditSigner;
  /** sha256 hex of the operator's token. */
  adminTokenHash: string;
  clock: () => Date;
  logger?: Logger | boolean;
  /** Extra readiness checks (Redis, when configured). */
  readiness?: () => Promise<{ ok: boolean; detail?: Record<string, unknown> }>;
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, entityId } from '@hall/contracts';
import type { AppDeps } from '../app-deps.ts';
import { publicKeyDocument, signedCheckpoint } from '../audit/schemas.ts';
import { listCheckpoints } from '@hall/assessment';

export const auditCheckpointRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/audit/public-key',
    {
      schema: {
        operationId: 'getPublicKey',
        summary: 'Read the checkpoint signing key',
        tags: ['audit'],
        description:
          'The Ed25519 public key that signs audit checkpoints. Any valid token (operator or a client of any hall and role): it is not secret, but only the health, docs and OpenAPI paths are open without a token.',
        response: { 200: publicKeyDocument },
      },
    },
    async (request) => {
      if (!request.principal) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
      return { algorithm: 'Ed25519' as const, keyId: deps.signer.keyId, publicKey: deps.signer.publicKeyPem };
    },
  );

  app.get(
    '/v1/halls/:hallId/audit/checkpoints',
    {
      config: { access: ['auditor', 'supervisor'] },
      schema: {
        operationId: 'listCheckpoints',
        summary: 'List signed checkpoints',
        tags: ['audit'],
        description:
          'Signed checkpoints of the hall in history order (auditor, supervisor): one per final or restated publication, covering the history up to and including its PeriodAdvanced event. Keep them apart from the service to detect a later truncation or rewrite.',
        params: z.object({ hallId: entityId }),
        response: { 200: z.object({ keyId: z.string(), checkpoints: z.array(signedCheckpoint) }) },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      await deps.assessment.requireHall(hallId);
      return { keyId: deps.signer.keyId, checkpoints: await listCheckpoints(deps.store.db, hallId) };
    },
  );
};

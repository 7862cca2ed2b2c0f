import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '@hall/contracts';
import type { AppDeps } from '../app-deps.ts';
import { listPublicKeys } from '@hall/assessment';
import { publicKeyDocument } from '../audit/schemas.ts';

const publicKeyEntry = publicKeyDocument.extend({
  current: z.boolean().describe('The key that signs new checkpoints'),
  registeredAt: z.string().describe('When this service first used the key'),
});

export const auditKeyRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/audit/public-keys',
    {
      schema: {
        operationId: 'listPublicKeys',
        summary: 'List every checkpoint signing key (审计签名公钥)',
        tags: ['audit'],
        description:
          'Every Ed25519 public key that has signed audit checkpoints here, oldest first; `current` marks the one signing now. After a key rotation (a new SIGNING_KEY), checkpoints keep naming the key that signed them (`keyId`) and verify with it. Any valid token, like `/v1/audit/public-key`.',
        response: { 200: z.object({ keys: z.array(publicKeyEntry) }) },
      },
    },
    async (request) => {
      if (!request.principal) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
      const currentId = deps.signer.keyId;
      const keys = await listPublicKeys(deps.store.db);
      return { keys: keys.map((k) => ({ ...k, current: k.keyId === currentId })) };
    },
  );
};

import { z } from 'zod';

export const brokenCheckpoint = z
  .object({
    period: z.string(),
    version: z.number().int(),
    position: z.number().int(),
    problem: z.enum(['signature', 'hash_mismatch', 'event_mismatch', 'beyond_head', 'missing']),
  })
  .describe(
    'signature: does not verify with the key it names (keyId); hash_mismatch: the chain holds another hash at the position; event_mismatch: the event there is not this publication; beyond_head: the history was cut before the position; missing: a final or restated publication without a checkpoint.',
  );

export const signedCheckpoint = z.object({
  hallId: z.string(),
  period: z.string(),
  version: z.number().int(),
  position: z.number().int(),
  headHash: z.string(),
  scoresHash: z.string(),
  signedAt: z.string(),
  keyId: z.string(),
  signature: z.string().describe('base64 Ed25519 over the RFC 8785 JSON of hallId, period, version, position, headHash, scoresHash, signedAt'),
});

export const publicKeyDocument = z.object({
  algorithm: z.literal('Ed25519'),
  keyId: z.string().describe('First 16 hex digits of sha256 over the SPKI DER'),
  publicKey: z.string().describe('SPKI PEM'),
});

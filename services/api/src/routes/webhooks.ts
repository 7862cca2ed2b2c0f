import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entityId } from '@hall/contracts';
import { deleteWebhook, getWebhook, listDeliveries, listWebhooks, putWebhook, retryDelivery, webhookKinds } from '@hall/assessment';
import type { AppDeps } from '../app-deps.ts';
import { valueOrProblem } from '../http/outcome.ts';
import { hallParams } from './halls.ts';

const webhookParams = hallParams.extend({ webhookId: entityId });
const kind = z.enum(webhookKinds);

const httpUrl = z
  .string()
  .max(2000)
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, { message: 'must be an http or https URL' });

const webhookBody = z.strictObject({
  url: httpUrl,
  events: z
    .array(kind)
    .min(1)
    .max(webhookKinds.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, { message: 'event kinds must not repeat' }),
});

const webhookDocument = z.object({
  webhookId: z.string(),
  url: z.string(),
  events: z.array(kind),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const deliveryStatus = z.enum(['pending', 'delivered', 'failed']);
const deliveryDocument = z.object({
  deliveryId: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  type: kind,
  status: deliveryStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  responseCode: z.number().int().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

/** A hall's webhooks for bad-rating cases and their delivery log (docs/integration.md "Webhooks"; decision 1711). Supervisor only. */
export const webhookRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const db = deps.store.db;

  app.get(
    '/v1/halls/:hallId/webhooks',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'listWebhooks',
        summary: 'List the webhooks',
        tags: ['webhooks'],
        description: "The hall's webhook URLs and the case events each receives; never their secrets.",
        params: hallParams,
        response: { 200: z.object({ webhooks: z.array(webhookDocument) }) },
      },
    },
    async (request) => {
      await deps.assessment.requireHall(request.params.hallId);
      return { webhooks: await listWebhooks(db, request.params.hallId) };
    },
  );

  app.put(
    '/v1/halls/:hallId/webhooks/:webhookId',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'putWebhook',
        summary: 'Register or change a webhook',
        tags: ['webhooks'],
        description:
          'Registers a URL for bad-rating case events (case_opened, case_due_soon, case_overdue), delivered as JSON signed with HMAC-SHA256 (`X-Hall-Signature`). 201 on creation with the signing `secret`, shown this once; 200 when an existing webhook changes its URL or events (the secret stays). A new webhook receives what happens after it was registered.',
        params: webhookParams,
        body: webhookBody,
        response: { 201: webhookDocument.extend({ secret: z.string() }), 200: webhookDocument },
      },
    },
    async (request, reply) => {
      const { hallId, webhookId } = request.params;
      await deps.assessment.requireHall(hallId);
      const result = await putWebhook(db, hallId, webhookId, request.body, deps.clock());
      return result.created ? reply.status(201).send(result.webhook) : reply.status(200).send(result.webhook);
    },
  );

  app.get(
    '/v1/halls/:hallId/webhooks/:webhookId',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'getWebhook',
        summary: 'Read a webhook',
        tags: ['webhooks'],
        description: 'One webhook: its URL and events, without its secret.',
        params: webhookParams,
        response: { 200: webhookDocument },
      },
    },
    async (request) => {
      await deps.assessment.requireHall(request.params.hallId);
      return valueOrProblem(await getWebhook(db, request.params.hallId, request.params.webhookId));
    },
  );

  app.delete(
    '/v1/halls/:hallId/webhooks/:webhookId',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'deleteWebhook',
        summary: 'Remove a webhook',
        tags: ['webhooks'],
        description: 'Removes a webhook with its delivery log; deliveries still pending are not sent.',
        params: webhookParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deps.assessment.requireHall(request.params.hallId);
      valueOrProblem(await deleteWebhook(db, request.params.hallId, request.params.webhookId));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/halls/:hallId/webhooks/:webhookId/deliveries',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'listWebhookDeliveries',
        summary: "A webhook's delivery log",
        tags: ['webhooks'],
        description:
          'Each notification for this webhook, newest first: pending (waiting for its next attempt), delivered, or failed (attempts used up; re-send with …/retry), with the attempts made, the last error and the last response code.',
        params: webhookParams,
        querystring: z.object({ status: deliveryStatus.optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ deliveries: z.array(deliveryDocument) }) },
      },
    },
    async (request) => {
      const { hallId, webhookId } = request.params;
      await deps.assessment.requireHall(hallId);
      return { deliveries: valueOrProblem(await listDeliveries(db, hallId, webhookId, request.query)) };
    },
  );

  app.post(
    '/v1/halls/:hallId/webhooks/:webhookId/deliveries/:deliveryId/retry',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'retryWebhookDelivery',
        summary: 'Send a delivery again',
        tags: ['webhooks'],
        description:
          'Sends a failed (or delivered) notification again, with a fresh round of attempts; a pending one is left as it is. The body and delivery id stay the same, so the receiver can recognise a repeat.',
        params: webhookParams.extend({ deliveryId: entityId }),
        response: { 200: deliveryDocument },
      },
    },
    async (request) => {
      const { hallId, webhookId, deliveryId } = request.params;
      await deps.assessment.requireHall(hallId);
      return valueOrProblem(await retryDelivery(db, hallId, webhookId, deliveryId, deps.clock()));
    },
  );
};

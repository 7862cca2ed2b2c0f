import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entityId, lineItem, monthPeriod, periodStage, readerRoles, restatementBody, storedEvent, subjectRef, transitionBody } from '@hall/contracts';
import type { AppDeps } from '../app-deps.ts';
import { valueOrProblem } from '../http/outcome.ts';
import { checkPeriodExists, storedFacts, storedLateEvents, storedPeriodDocument, advancePeriod, restatePeriod } from '@hall/assessment';
import { asOf } from '../http/etag.ts';

const periodParams = z.object({ hallId: entityId, period: monthPeriod });

export const periodDocumentSchema = z.object({
  period: z.string(),
  stage: periodStage,
  versions: z.array(
    z.object({
      version: z.number().int(),
      kind: z.enum(['preliminary', 'final', 'restated']),
      publishedAt: z.string(),
      computedThrough: z.number().int(),
    }),
  ),
  lateEvents: z.number().int(),
});

const honour = z.enum(['red_flag', 'advanced']).nullable();

export const periodRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const a = deps.assessment;

  app.get(
    '/v1/halls/:hallId/periods/:period',
    {
      config: { access: readerRoles },
      schema: {
        operationId: 'getPeriod',
        summary: "Read a month's stage and versions",
        tags: ['periods'],
        description: 'The month\'s stage (open, collecting, preliminary 初步通报, objection, final 正式通报), its published versions and how many late events wait for a restatement.',
        params: periodParams,
        response: { 200: periodDocumentSchema },
      },
    },
    async (request, reply) => {
      const { hallId, period } = request.params;
      const facts = await storedFacts(a, hallId, { periods: true });
      valueOrProblem(checkPeriodExists(facts, period, deps.clock()));
      const { document, asOfPosition } = await storedPeriodDocument(a, facts, period);
      asOf(reply, asOfPosition);
      return document;
    },
  );

  app.get(
    '/v1/halls/:hallId/periods/:period/late-events',
    {
      config: { access: readerRoles },
      schema: {
        operationId: 'listLateEvents',
        summary: 'List late events',
        tags: ['periods'],
        description: 'Events dated in this final month that arrived after its latest publication and are in no published version yet.',
        params: periodParams,
        response: { 200: z.object({ period: z.string(), events: z.array(storedEvent.omit({ hash: true, prevHash: true, schemaVersion: true, personalRef: true })) }) },
      },
    },
    async (request, reply) => {
      const { hallId, period } = request.params;
      const facts = await storedFacts(a, hallId, { periods: true });
      valueOrProblem(checkPeriodExists(facts, period, deps.clock()));
      const late = await storedLateEvents(a, facts, period);
      asOf(reply, late.asOfPosition);
      const events = late.events.map((e) => ({
        position: e.position,
        id: e.id,
        type: e.type,
        occurredAt: e.occurredAt,
        recordedAt: e.recordedAt,
        clientId: e.clientId,
        data: e.data as Record<string, unknown>,
      }));
      return { period, events };
    },
  );

  app.post(
    '/v1/halls/:hallId/periods/:period/transitions',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'transitionPeriod',
        summary: 'Move a month forward',
        tags: ['periods'],
        'x-problems': ['PERIOD_NOT_ENDED', 'TRANSITION_OUT_OF_ORDER'],
        description:
          'Moves the month forward (supervisor): never before it has ended (409), never backwards (409); a later stage passes through, and publishes, the stages between; repeating a transition already made changes nothing.',
        params: periodParams,
        body: transitionBody,
        response: { 200: periodDocumentSchema },
      },
    },
    async (request) => {
      const { hallId, period } = request.params;
      const state = await a.caughtUp(hallId);
      valueOrProblem(checkPeriodExists(state, period, deps.clock()));
      return valueOrProblem(await advancePeriod(a, deps.signer, hallId, period, request.body.to, 'supervisor'));
    },
  );

  app.post(
    '/v1/halls/:hallId/periods/:period/restatements',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'restatePeriod',
        summary: 'Restate a final month (更正通报)',
        tags: ['periods'],
        'x-problems': ['PERIOD_NOT_FINAL'],
        description: 'Publishes a new version of a final month (更正通报, supervisor), taking in late events and appeal decisions, with its diff against the previous version.',
        params: periodParams,
        body: restatementBody,
        response: {
          201: z.object({
            version: z.number().int(),
            diff: z.object({
              fromVersion: z.number().int(),
              toVersion: z.number().int(),
              subjects: z.array(
                z.object({
                  subject: subjectRef,
                  totalBefore: z.number().nullable(),
                  totalAfter: z.number().nullable(),
                  rankBefore: z.number().int().nullable(),
                  rankAfter: z.number().int().nullable(),
                  honourBefore: honour,
                  honourAfter: honour,
                  lineItemsAdded: z.array(lineItem),
                  lineItemsVoided: z.array(lineItem),
                }),
              ),
            }),
          }),
        },
      },
    },
    async (request, reply) => {
      const { hallId, period } = request.params;
      const state = await a.caughtUp(hallId);
      valueOrProblem(checkPeriodExists(state, period, deps.clock()));
      const result = valueOrProblem(await restatePeriod(a, deps.signer, hallId, period, request.body.reason));
      return reply.status(201).send(result);
    },
  );
};

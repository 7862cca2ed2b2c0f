import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entityId, readerRoles, ruleCatalogueDraft, ruleCatalogueVersion } from '@hall/contracts';
import type { AppDeps } from '../app-deps.ts';
import { catalogueVersion, currentCatalogue, publishCatalogue, storedFacts } from '@hall/assessment';
import { asOf } from '../http/etag.ts';

const hallParams = z.object({ hallId: entityId });
const everyone = [...readerRoles, 'queue', 'kiosk', 'inspector'] as const;

export const ruleRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const a = deps.assessment;

  app.get(
    '/v1/halls/:hallId/rules',
    {
      config: { access: everyone },
      schema: {
        operationId: 'getRules',
        summary: 'Read the rule catalogue in force (考核细则)',
        tags: ['rules'],
        description: 'The rule catalogue version in force today: categories with their bases, rule codes, points, caps, vetoes (一票否决) and which section (科室) owns which category.',
        params: hallParams,
        response: { 200: ruleCatalogueVersion },
      },
    },
    async (request, reply) => {
      const facts = await storedFacts(a, request.params.hallId, { catalogues: true });
      asOf(reply, facts.asOfPosition);
      return currentCatalogue(facts, deps.clock());
    },
  );

  app.get(
    '/v1/halls/:hallId/rules/versions/:version',
    {
      config: { access: everyone },
      schema: {
        operationId: 'getRuleVersion',
        summary: 'Read a rule catalogue version',
        tags: ['rules'],
        description: 'One published version of the rule catalogue (考核细则).',
        params: hallParams.extend({ version: z.coerce.number().int().min(1) }),
        response: { 200: ruleCatalogueVersion },
      },
    },
    async (request, reply) => {
      const facts = await storedFacts(a, request.params.hallId, { catalogues: true });
      asOf(reply, facts.asOfPosition);
      return catalogueVersion(facts, request.params.version);
    },
  );

  app.post(
    '/v1/halls/:hallId/rules/versions',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'publishRuleVersion',
        summary: 'Publish a rule catalogue version',
        tags: ['rules'],
        'x-problems': ['PERIOD_FINAL', 'RULE_VERSION_EXISTS'],
        description:
          'Publishes a new catalogue version effective from a date (supervisor). Parts left out keep the previous version\'s; events are scored by the version in force at their occurredAt. 409 when it would take effect inside a final month.',
        params: hallParams,
        body: ruleCatalogueDraft,
        response: { 201: ruleCatalogueVersion },
      },
    },
    async (request, reply) => {
      await a.requireHall(request.params.hallId);
      const published = await publishCatalogue(a, request.params.hallId, request.body);
      return reply.status(201).send(published);
    },
  );
};

import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { withExhaustiveRecordsAsObjects } from './exhaustive-records.ts';
import { withProblemResponses } from './problem-responses.ts';
import { withRegisteredSchemas } from './registered-schemas.ts';
import { openApiTags } from './tags.ts';
import { withoutUnusedSchemas } from './unused-schemas.ts';

/**
 * How @fastify/swagger describes the routes: info, servers and tags here, each
 * operation from its route's `schema`, components from the zod registry, and
 * the problem responses each operation can answer.
 */
export const swaggerOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Hall assessment service',
      description:
        'Window work assessment (窗口工作考核) for government service halls (政务服务中心): systems at the hall append events (queue tickets, good-bad ratings 好差评, inspections, complaints, attendance); the service turns them into explainable monthly scores of windows (窗口) and staff, rankings and honours (红旗窗口 / 先进窗口), and keeps a hash-chained history auditors can replay. The domain rules are in docs/domain.md, the integration guide in docs/integration.md.',
      version: '1.0.0',
    },
    servers: [
      {
        url: '{scheme}://{host}',
        description: 'Where the service runs: http://localhost:3000 after `pnpm start`, your deployment otherwise',
        variables: {
          scheme: { enum: ['http', 'https'], default: 'http' },
          // No description here: orval's validator refuses one beside another variable's enum.
          host: { default: 'localhost:3000' },
        },
      },
    ],
    tags: [...openApiTags],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The operator token (ADMIN_TOKEN) or a client token of one hall' } } },
    security: [{ bearer: [] }],
  },
  transform: jsonSchemaTransform,
  transformObject: (documents) => {
    if (!('openapiObject' in documents)) throw new Error('Only OpenAPI 3 documents are described');
    const described = withExhaustiveRecordsAsObjects(withoutUnusedSchemas(withRegisteredSchemas(documents)));
    return withProblemResponses(described) as ReturnType<NonNullable<FastifyDynamicSwaggerOptions['transformObject']>>;
  },
};

/** Guards the architecture (habit 15, docs/architecture.md): the pure core never reaches I/O; imports go services → packages. */
/** An npm package by name, as dependency-cruiser resolves it under pnpm (node_modules/.pnpm/<id>/node_modules/<name>/…) or leaves it unresolved. */
const npm = (names) => `(^|/)node_modules/(${names})/|^(${names})$`;
/** A workspace package by folder: resolved to its source, or left as its @hall/ name. */
const workspace = (folders, names = folders) => `^${folders}/|^@hall/(${names})$`;
const io = `${npm('kysely|pg|pg-[^/]+|@electric-sql/pglite|fastify|@fastify/[^/]+|fastify-[^/]+|bullmq|ioredis|pino')}|^node:(fs|net|http|https|child_process|dgram|worker_threads)`;
module.exports = {
  forbidden: [
    {
      name: 'pure-core-no-io',
      comment: 'packages/scoring, packages/contracts and packages/messages are pure: no database, HTTP, queue or file I/O.',
      severity: 'error',
      from: { path: '^packages/(scoring|contracts|messages)/' },
      to: { path: io },
    },
    {
      name: 'pure-core-no-io-modules',
      severity: 'error',
      from: { path: '^packages/(scoring|contracts|messages)/' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|dgram|worker_threads)$' },
    },
    {
      name: 'core-not-on-edges',
      comment: 'The pure core does not import the store, the services or the testing helpers.',
      severity: 'error',
      from: { path: '^packages/(scoring|contracts|messages)/' },
      to: { path: `^(packages/(event-store|testing)|services)/|^@hall/(event-store|testing|assessment|scheduler|api|worker|cli)$` },
    },
    {
      name: 'no-cycles',
      comment: 'No module reaches itself through runtime imports. Type-only edges are erased at compile time (three such loops remain in scoring and the store: docs/decisions/0901).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'packages-not-on-doors',
      comment: 'Packages never import the services (the doors) or the web pages: imports go services → packages.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: `^(services|web)/|^@hall/(api|worker|cli|web)$` },
    },
    {
      name: 'assessment-no-transport',
      comment: 'packages/assessment holds the use cases: no HTTP server, queue or Redis client.',
      severity: 'error',
      from: { path: '^packages/assessment/' },
      to: { path: npm('fastify|@fastify/[^/]+|fastify-[^/]+|bullmq|ioredis') },
    },
    {
      name: 'no-service-to-service',
      comment: 'A service never imports another service: what two doors share lives in a package.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/|^@hall/(api|worker|cli)$', pathNot: '^services/$1/' },
    },
    {
      name: 'store-stores',
      comment: 'packages/event-store appends, reads and verifies: it knows no scores and no use cases.',
      severity: 'error',
      from: { path: '^packages/event-store/' },
      to: { path: workspace('packages/(scoring|assessment|scheduler)', 'scoring|assessment|scheduler') },
    },
    {
      name: 'projections-run-projections',
      comment: 'packages/projections runs named projections over the store (checkpoints, ownership, wake-ups): it knows no scores, use cases or transports.',
      severity: 'error',
      from: { path: '^packages/projections/' },
      to: { path: `${workspace('packages/(scoring|assessment|scheduler)', 'scoring|assessment|scheduler')}|${npm('fastify|@fastify/[^/]+|fastify-[^/]+|bullmq|ioredis')}` },
    },
    {
      name: 'declared-in-package-json',
      comment:
        'Each workspace package declares what it imports in its own package.json (the build checks the root against the bundle).',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'runtime-not-on-dev-dependencies',
      comment: 'Code that ships imports no devDependency (test helpers, tools); tests and their helpers may.',
      severity: 'error',
      from: { path: '^(packages|services)/', pathNot: '(\\.test\\.ts|\\.child\\.ts|/test-[a-z-]+\\.ts|/src/testing/)' },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

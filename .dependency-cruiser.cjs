/** Guards the architecture (habit 15): the pure core never reaches I/O. */
const io = '^(kysely|pg|pg-.*|@electric-sql/pglite|fastify|@fastify/.*|fastify-.*|bullmq|ioredis|pino)$|^node:(fs|net|http|https|child_process|dgram|worker_threads)';
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
      to: { path: '^(packages/(event-store|testing)|services)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

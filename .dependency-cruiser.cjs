/** Guards the architecture (habit 15): the pure core never reaches I/O. */
const io = '^(kysely|pg|pg-.*|@electric-sql/pglite|fastify|@fastify/.*|fastify-.*|bullmq|ioredis|pino)$|^node:(fs|net|http|https|child_process|dgram|worker_threads)';
module.exports = {
  forbidden: [
    {
      name: 'pure-core-no-io',
      comment: 'packages/scoring and packages/contracts are pure: no database, HTTP, queue or file I/O.',
      severity: 'error',
      from: { path: '^packages/(scoring|contracts)/' },
      to: { path: io },
    },
    {
      name: 'pure-core-no-io-modules',
      severity: 'error',
      from: { path: '^packages/(scoring|contracts)/' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|dgram|worker_threads)$' },
    },
    {
      name: 'core-not-on-edges',
      comment: 'The pure core does not import the store, the services or the testing helpers.',
      severity: 'error',
      from: { path: '^packages/(scoring|contracts)/' },
      to: { path: '^(packages/(event-store|testing)|services)/' },
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

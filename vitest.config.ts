import { defineConfig } from 'vitest/config';

// One project per test tier (habit 8): the tier is in the file name.
export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/.data/**'],
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['packages/**/*.unit.test.ts', 'services/**/*.unit.test.ts', 'test/**/*.unit.test.ts', 'web/src/**/*.unit.test.ts'],
        },
      },
      {
        test: {
          name: 'int',
          sequence: { groupOrder: 1 },
          include: ['packages/**/*.int.test.ts', 'services/**/*.int.test.ts', 'test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['packages/testing/src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Files share one PostgreSQL server but each gets its own database.
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});

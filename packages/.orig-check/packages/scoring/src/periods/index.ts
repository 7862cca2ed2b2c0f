export * from './period-state.ts';
export * from './period-lifecycle.ts';

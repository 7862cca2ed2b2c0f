export * from './primitives.ts';
export * from './events/index.ts';
export * from './envelope.ts';
export * from './roles.ts';
export * from './rule-catalogue.ts';
export * from './problem.ts';
export * from './api/score-document.ts';
export * from './api/assessment.ts';

export type { Projection } from './projection.ts';
export { ProjectionRunner, CheckpointMoved, type BatchResult, type RunnerOptions } from './runner.ts';
export { readCheckpoint, activeCheckpoint, advanceCheckpoint, activate, type Checkpoint, type ProjectionName } from './checkpoints.ts';
export { checkpointDb, type CheckpointTables } from './checkpoint-table.ts';
export { tryOwn } from './ownership.ts';
export { IdleCache } from './idle-cache.ts';
export { KeyedMutex } from './keyed-mutex.ts';
export { awaitCheckpoint, progressOf, type Progress } from './await-checkpoint.ts';

// The projector thread's module (docs/decisions/1861): server.ts starts it
// with `new ProjectorThread({ entry })`; the bundle has it as dist/projector.mjs.
import { runProjectorThread } from '@hall/assessment';

await runProjectorThread();

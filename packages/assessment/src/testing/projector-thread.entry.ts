// The projector thread's module for tests (services/api/src/projector-thread.ts is the service's).
import { runProjectorThread } from '../projector-thread.ts';

await runProjectorThread();

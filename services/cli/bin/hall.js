#!/usr/bin/env node
// The `hall` command: the workspace runs its TypeScript source (docs/decisions/0001), so tsx loads it.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');

// Starts the TypeScript worker body in a worker thread: the server's sources run through tsx's loader (see
// bin/biomfg.mjs), and a worker thread needs it registered in its own thread.
import { register } from 'tsx/esm/api';

register();
await import('./report-render.worker.ts');

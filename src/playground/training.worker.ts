/// <reference lib="webworker" />
/**
 * The playground's Web Worker: training and sampling run here so the page never stalls.
 * All logic lives in `TrainingSession`; this file only connects it to the worker's messages.
 *
 * Start it with `new Worker(new URL('./training.worker.js', import.meta.url), { type: 'module' })`.
 */
import type { PlaygroundRequest } from './protocol.js';
import { TrainingSession } from './training-session.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const session = new TrainingSession({
  post: (message, transfer) => scope.postMessage(message, transfer),
  schedule: (task) => setTimeout(task, 0),
  now: () => performance.now(),
});

scope.addEventListener('message', (event: MessageEvent<PlaygroundRequest>) => session.handle(event.data));

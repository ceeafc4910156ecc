import { startModuleWorker } from '../start-worker.js';
import { AbortError, LatentExplorablesError, fromWire } from '../errors.js';
import { WorkerRpc } from '../worker-rpc.js';
import type {
  DatasetMessage,
  FieldMessage,
  FieldRequest,
  PlaygroundRequest,
  PlaygroundResponse,
  ProgressMessage,
  SampledMessage,
  SampleRequest,
  TrainingSettings,
} from './protocol.js';

/**
 * The page's side of the training worker: typed methods instead of raw messages, and promises
 * for the requests that have answers.
 */

/**
 * Starts the training worker. Served from sources (the test runner's dev server, which compiles
 * `.ts` on request) this module's own URL ends in `.ts` and so must the worker's; built, both
 * are `.js` and the worker is its own entry point next to this one.
 */
export function createTrainingWorker(): Worker {
  const file = import.meta.url.endsWith('.ts') ? './training.worker.ts' : './training.worker.js';
  return startModuleWorker(new URL(file, import.meta.url), 'lx-playground-training');
}

/** Callbacks for the messages nobody asked for. */
export interface TrainingClientEvents {
  onProgress(progress: ProgressMessage): void;
  /** Failures of requests without an answer (configure, start…), and the worker's own failure. */
  onError(error: LatentExplorablesError): void;
}

/** A connection to one training worker. */
export class TrainingClient {
  readonly #rpc: WorkerRpc<PlaygroundRequest, PlaygroundResponse>;
  #terminating = false;

  /** `worker`: the worker to talk to (default: a new training worker), or a function that starts one. */
  constructor(events: TrainingClientEvents, worker: Worker | (() => Worker) = createTrainingWorker) {
    this.#rpc = new WorkerRpc(typeof worker === 'function' ? worker : () => worker, {
      description: 'training worker',
      failure: (message) => new LatentExplorablesError('worker-failed', message),
      onMessage: (message) => {
        if (message.type === 'progress') events.onProgress(message);
        else if (message.type === 'failed') events.onError(fromWire(message.error) as LatentExplorablesError);
      },
      // A crash is a failure the element must show; a stop asked for by the page is not.
      onStop: (reason) => {
        if (!this.#terminating) events.onError(reason as LatentExplorablesError);
      },
    });
  }

  /** Sends a new data set and settings; the model starts over. */
  configure(data: DatasetMessage, settings: TrainingSettings): void {
    this.#send({ type: 'configure', data, settings });
  }

  start(): void {
    this.#send({ type: 'start' });
  }

  pause(): void {
    this.#send({ type: 'pause' });
  }

  /** A fresh network for the same data and settings. */
  reset(): void {
    this.#send({ type: 'reset' });
  }

  /** Samples from the model as it is now. */
  sample(request: SampleRequest): Promise<SampledMessage> {
    return this.#rpc.call<SampledMessage>({ type: 'sample', request });
  }

  /** The learned noise field on a grid. */
  field(request: FieldRequest): Promise<FieldMessage> {
    return this.#rpc.call<FieldMessage>({ type: 'field', request });
  }

  /** Stops the worker; pending requests reject with an `AbortError`. */
  terminate(): void {
    this.#terminating = true;
    this.#rpc.stop(new AbortError('The training worker was stopped.'));
  }

  /** Requests without an answer; after the worker is gone they are dropped (its failure was reported). */
  #send(request: PlaygroundRequest): void {
    if (!this.#rpc.failure) this.#rpc.send(request);
  }
}

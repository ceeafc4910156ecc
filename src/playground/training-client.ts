import type { LatentExplorablesError } from '../errors.js';
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
import { errorFromMessage } from './worker-errors.js';

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
  return new Worker(new URL(file, import.meta.url), { type: 'module', name: 'lx-playground-training' });
}

/** Callbacks for the messages nobody asked for. */
export interface TrainingClientEvents {
  onProgress(progress: ProgressMessage): void;
  /** Failures of requests without an answer (configure, start…). */
  onError(error: LatentExplorablesError): void;
}

interface Pending {
  resolve(message: SampledMessage | FieldMessage): void;
  reject(error: LatentExplorablesError): void;
}

/** A connection to one training worker. */
export class TrainingClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly events: TrainingClientEvents,
    private readonly worker: Worker = createTrainingWorker(),
  ) {
    worker.addEventListener('message', (event: MessageEvent<PlaygroundResponse>) => this.receive(event.data));
  }

  /** Sends a new data set and settings; the model starts over. */
  configure(data: DatasetMessage, settings: TrainingSettings): void {
    this.send({ type: 'configure', data, settings });
  }

  start(): void {
    this.send({ type: 'start' });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  /** A fresh network for the same data and settings. */
  reset(): void {
    this.send({ type: 'reset' });
  }

  /** Samples from the model as it is now. */
  sample(request: SampleRequest): Promise<SampledMessage> {
    return this.ask((id) => ({ type: 'sample', id, request })) as Promise<SampledMessage>;
  }

  /** The learned noise field on a grid. */
  field(request: FieldRequest): Promise<FieldMessage> {
    return this.ask((id) => ({ type: 'field', id, request })) as Promise<FieldMessage>;
  }

  /** Stops the worker; pending requests never settle. */
  terminate(): void {
    this.worker.terminate();
    this.pending.clear();
  }

  private send(request: PlaygroundRequest): void {
    this.worker.postMessage(request);
  }

  private ask(build: (id: number) => PlaygroundRequest): Promise<SampledMessage | FieldMessage> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send(build(id));
    });
  }

  private receive(message: PlaygroundResponse): void {
    if (message.type === 'progress') return this.events.onProgress(message);
    const waiting = message.id === null ? undefined : this.pending.get(message.id);
    if (message.id !== null) this.pending.delete(message.id);
    if (message.type === 'error') {
      const error = errorFromMessage(message);
      return waiting ? waiting.reject(error) : this.events.onError(error);
    }
    waiting?.resolve(message);
  }
}

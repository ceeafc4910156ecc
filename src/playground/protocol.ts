import type { MlpConfig } from './mlp-layout.js';
import type { SamplerName } from './schedule.js';
import type { RpcReply } from '../worker-rpc.js';

/**
 * The messages between the page and the training worker. Typed arrays travel as transferables;
 * every request that expects an answer carries an `id` the answer repeats.
 */

/** A data set as sent to the worker: points, optional labels, and held-out points to score samples against. */
export interface DatasetMessage {
  readonly points: Float32Array;
  readonly labels: Int32Array | null;
  readonly classNames: readonly string[];
  /** Points from the same distribution not used for training (the training points for drawn sets). */
  readonly heldOut: Float32Array;
  /** Per-class held-out points for labelled sets (indexed by label), else empty. */
  readonly heldOutByClass: readonly Float32Array[];
}

/** How to train. `model.classCount` is taken from the data set. */
export interface TrainingSettings {
  readonly seed: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly labelDropout: number;
  /** Training stops by itself after this many steps. */
  readonly maxSteps: number;
  readonly model: Omit<MlpConfig, 'classCount'>;
}

/** What to sample. */
export interface SampleRequest {
  readonly count: number;
  readonly steps: number;
  readonly sampler: SamplerName;
  readonly seed: number;
  readonly label: number | null;
  readonly guidance: number;
  /** Noise level σ below which guidance above 1 falls back to 1 (see `guidanceAt`). */
  readonly guidanceMinNoise?: number;
}

/** A grid of points, `size` × `size`, spanning [−extent, extent]². */
export interface FieldRequest {
  readonly timestep: number;
  readonly label: number | null;
  readonly size: number;
  readonly extent: number;
}

export type PlaygroundRequest =
  | { readonly type: 'configure'; readonly data: DatasetMessage; readonly settings: TrainingSettings }
  | { readonly type: 'start' }
  | { readonly type: 'pause' }
  | { readonly type: 'reset' }
  | { readonly type: 'sample'; readonly id: number; readonly request: SampleRequest }
  | { readonly type: 'field'; readonly id: number; readonly request: FieldRequest };

/** Training progress, posted a few times a second while training runs (and once on each change). */
export interface ProgressMessage {
  readonly type: 'progress';
  readonly step: number;
  /** Mean loss over the steps since the last progress message (NaN before the first step). */
  readonly loss: number;
  readonly stepsPerSecond: number;
  readonly running: boolean;
  /** True once `maxSteps` is reached. */
  readonly finished: boolean;
}

/** A finished sampling run: every intermediate, so the page can draw paths and replay steps. */
export interface SampledMessage {
  readonly type: 'sampled';
  readonly id: number;
  /** (steps + 1) frames of `count` x,y pairs: the starting noise, then the points after each step. */
  readonly trajectory: Float32Array;
  readonly timesteps: Float64Array;
  readonly count: number;
  /** The training step of the model that sampled. */
  readonly trainingStep: number;
  /** Chamfer distance of the final points to the held-out data (of the label, when one is set). */
  readonly chamfer: number;
}

/** The learned noise field on a grid. */
export interface FieldMessage {
  readonly type: 'field';
  readonly id: number;
  /** Grid points, x,y pairs, row by row. */
  readonly points: Float32Array;
  /** Predicted noise at each grid point, x,y pairs. */
  readonly noise: Float32Array;
}

/**
 * A failure: of request `id`, or (`id: null`) of a request that expects no answer. The error
 * travels as `WireError` and is rebuilt as its own class on the page (`fromWire`).
 */
export type ErrorMessage = Extract<RpcReply, { type: 'failed' }>;

export type PlaygroundResponse = ProgressMessage | SampledMessage | FieldMessage | ErrorMessage;

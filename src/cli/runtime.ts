/**
 * What the CLI needs from the diffusion runtime, as a narrow port: load a model, run it step
 * by step, decode a latent. The default implementation (`node-runtime.ts`) is the pipeline on
 * onnxruntime-node (or onnxruntime-web's WASM without it), imported lazily so `--help` and argument
 * errors never load onnxruntime.
 */
import type { SchedulerAlias } from '../pipeline/math/schedulers/aliases.js';
import type { StepRecord } from '../pipeline/math/step-record.js';
import type { Tensor } from '../pipeline/math/tensor.js';
import type { LatentRgbFactors } from '../pipeline/image/latent-preview.js';
import type { RgbaImage } from '../pipeline/image/rgba-image.js';

/** Download/read progress of one model file. */
export interface FileProgress {
  readonly file: string;
  readonly loaded: number;
  readonly total: number | null;
  readonly done: boolean;
}

import type { PromptWords } from '../pipeline/tokenizers/types.js';

/** One text-to-image run, validated by the CLI already. */
export interface CliRunRequest {
  readonly prompt: string;
  readonly negativePrompt: string;
  /** Absent: the runtime picks a random seed and reports it in `CliRunInfo.seed`. */
  readonly seed?: bigint;
  /** Absent: the model's suggested step count. */
  readonly steps?: number;
  /** Absent: the model's suggested guidance scale. */
  readonly guidanceScale?: number;
  /** Absent: the model's own scheduler. */
  readonly scheduler?: SchedulerAlias;
  /** Absent: the model's native size. */
  readonly width?: number;
  readonly height?: number;
  readonly signal?: AbortSignal;
  /** Decode every step's x̂₀ into `step.decodedImage` (for recordings with pictures). */
  readonly decodeSteps?: boolean;
}

/** What a run resolved to: the values a recording's header stores. */
export interface CliRunInfo {
  readonly seed: bigint;
  readonly steps: number;
  readonly guidanceScale: number;
  readonly width: number;
  readonly height: number;
  readonly scheduler: { readonly className: string; readonly config: Readonly<Record<string, unknown>> };
  /** True when the prompt was longer than the tokenizer's limit and was cut. */
  readonly promptTruncated: boolean;
  /** The model's own scheduler class when this library lacks it and another stood in. */
  readonly schedulerReplaced: string | null;
  /** The prompt's words the model replaced or did not know (null: all known, or not reported). */
  readonly promptWords?: PromptWords | null;
}

/** A run: its steps as they happen, and its resolved settings (known once the first step arrives). */
export interface CliRun {
  readonly info: Promise<CliRunInfo>;
  readonly steps: AsyncIterable<StepRecord>;
}

/** One image of a sweep; an absent guidance scale is the model's suggestion. */
export interface CliSweepCell {
  readonly seed: bigint;
  readonly guidanceScale?: number;
}

/** Several runs side by side: each step yields one record per cell, in cell order. */
export interface CliSweep {
  /** The shared settings (the first cell's seed and scale), and each cell's resolved values. */
  readonly info: Promise<CliRunInfo & { readonly cells: readonly { readonly seed: bigint; readonly guidanceScale: number }[] }>;
  readonly steps: AsyncIterable<readonly StepRecord[]>;
}

/** A loaded model, as the CLI uses it. */
export interface CliModel {
  /** The folder path or URL as given on the command line (`latent-explorables/pocket` for the bundled model). */
  readonly id: string;
  /** Pixels per latent cell (8 for SD); image sides must be multiples of it. */
  readonly vaeScaleFactor: number;
  /** Native image side in pixels. */
  readonly imageSize: number;
  /** The model's latent→RGB preview factors. */
  readonly latentRgb: LatentRgbFactors;
  /** Prepares a run; nothing is computed until `steps` is iterated. */
  start(request: CliRunRequest): CliRun;
  /**
   * Prepares a sweep sharing one text encoding and batching the cells' UNet calls; the
   * request's own seed and guidance scale are ignored in favour of the cells'.
   */
  sweep(request: CliRunRequest, cells: readonly CliSweepCell[]): CliSweep;
  /** Full VAE decode of a latent (in the UNet's space) to an image. */
  decode(latent: Tensor): Promise<RgbaImage>;
  dispose(): Promise<void>;
}

/** Loads models. */
export interface CliRuntime {
  load(location: string, options: { onProgress?: (progress: FileProgress) => void; signal?: AbortSignal }): Promise<CliModel>;
}

/** The pipeline on the Node runtime, loaded on first use. */
export async function defaultRuntime(): Promise<CliRuntime> {
  const { nodeRuntime } = await import('./node-runtime.js');
  return nodeRuntime;
}

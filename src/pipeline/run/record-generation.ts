import type { Generation, GenerationInfo } from './generate.js';
import type { RgbaImage } from '../image/rgba-image.js';
import type { StepRecord } from '../math/step-record.js';
import type { LatentRgbFactors } from '../image/latent-preview.js';
import { promptWordsOf } from '../tokenizers/types.js';
import { TrajectoryRecorder, type TrajectoryMetadata, type TrajectoryWriteOptions } from '../trajectory/writer.js';

/** A recording's metadata from what `generate()` settled before its first step (and the model's preview factors). */
export function metadataFromGeneration(info: GenerationInfo, latentRgb?: LatentRgbFactors): TrajectoryMetadata {
  return {
    ...(latentRgb ? { latentRgb } : {}),
    prompt: info.prompt,
    negativePrompt: info.negativePrompt,
    seed: info.seed,
    settings: {
      steps: info.steps,
      guidanceScale: info.guidanceScale,
      scheduler: { className: info.schedulerClass, config: info.schedulerConfig },
      width: info.width,
      height: info.height,
    },
    modelId: info.modelId,
    promptWords: promptWordsOf(info.promptTokens),
  };
}

/** Options for `recordGeneration`. */
export interface RecordGenerationOptions extends TrajectoryWriteOptions {
  /** The model's `latentRgb`, stored so replays preview in its colours (SD 1.x's otherwise). */
  readonly latentRgb?: LatentRgbFactors;
  /** A preview image to store with each step (e.g. the model's latent→RGB preview). */
  readonly preview?: (step: StepRecord) => RgbaImage;
  /** Called with each step as it is recorded, so a widget can show the run while it records. */
  readonly onStep?: (step: StepRecord) => void;
}

/**
 * Runs a `generate()` iteration to its end while recording it, and returns the recording's
 * recorder (call `toBytes()` or `toBlob()`): the "save this run" path for Node and browsers.
 * Steps are encoded as they arrive, so only the stored bytes are kept.
 */
export async function recordGeneration(run: Generation, options: RecordGenerationOptions = {}): Promise<TrajectoryRecorder> {
  let recorder: TrajectoryRecorder | undefined;
  for await (const step of run) {
    recorder ??= new TrajectoryRecorder(metadataFromGeneration(await run.info, options.latentRgb), options);
    recorder.addStep(step, options.preview?.(step));
    options.onStep?.(step);
  }
  // A run with no steps still has settled info (or rejects with its error here).
  return recorder ?? new TrajectoryRecorder(metadataFromGeneration(await run.info, options.latentRgb), options);
}

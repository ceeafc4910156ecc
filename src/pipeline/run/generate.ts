import type { StepRecord } from '../math/step-record.js';
import type { DiffusionModel } from '../model/diffusion-model.js';
import type { GenerateOptions } from './generate-options.js';
import type { GenerationInfo } from './run-setup.js';
import { sweep } from './sweeps.js';
import { decodeLatent } from './latent-images.js';
import { AbortError, InvalidOptionError } from '../../errors.js';

export type { GenerationInfo } from './run-setup.js';

/** A run: iterate it for its steps; `info` resolves once the prompt is encoded and the schedule set. */
export interface Generation extends AsyncIterable<StepRecord> {
  readonly info: Promise<GenerationInfo>;
}

/**
 * Text-to-image, one step at a time: `for await (const step of generate(model, {prompt, seed}))`.
 * Each `StepRecord` holds fresh arrays the caller may keep (x_t, both noise predictions, x̂₀,
 * x_{t−1}). Guidance > 1 runs unconditional and conditional rows as one batched UNet call.
 * With `decodeSteps`, each record also carries the VAE decode of its x̂₀ (`decodedImage`).
 * Aborting `signal` ends the run with an `AbortError` at the next step; bad options reject with
 * an `InvalidOptionError` naming the option. Nothing runs until iteration starts.
 */
export function generate(model: DiffusionModel, options: GenerateOptions): Generation {
  return generateWithOutputs(model, options, []);
}

/** `generate`, also fetching the named extra UNet outputs each step (`StepRecord.unetOutputs`). */
export function generateWithOutputs(model: DiffusionModel, options: GenerateOptions, extraOutputs: readonly string[]): Generation {
  // A run is a sweep of one cell; its seed and scale keep their own option names in errors.
  const cell = { seed: options?.seed, guidanceScale: options?.guidanceScale };
  const run = sweep(model, options, [cell], (_, key) => key, extraOutputs);
  const decodeSteps = options?.decodeSteps ?? false;
  async function* steps(): AsyncGenerator<StepRecord> {
    if (typeof decodeSteps !== 'boolean') throw new InvalidOptionError('decodeSteps', `must be true or false, not ${String(decodeSteps)}`);
    for await (const [record] of run) {
      if (!decodeSteps) {
        yield record!;
        continue;
      }
      const decodedImage = await decodeLatent(model, record!.predictedOriginal);
      if (options.signal?.aborted) throw new AbortError();
      yield { ...record!, decodedImage };
    }
  }
  return { info: run.info, [Symbol.asyncIterator]: () => steps() };
}

/** Runs `generate` to the end and returns its info and every step. */
export async function generateAll(model: DiffusionModel, options: GenerateOptions): Promise<{ info: GenerationInfo; steps: StepRecord[] }> {
  const run = generate(model, options);
  const steps: StepRecord[] = [];
  for await (const step of run) steps.push(step);
  return { info: await run.info, steps };
}

/**
 * Getting attention out of the model: during a run (each step's maps for the prompt's row) or
 * from one UNet call on a given latent (the attention-in-mask check). Plain `generate` never
 * asks for these outputs, so it pays nothing for them.
 */
import { InvalidOptionError } from '../../errors.js';
import { generateWithOutputs, type Generation } from '../run/generate.js';
import type { GenerateOptions } from '../run/generate-options.js';
import type { StepRecord } from '../math/step-record.js';
import type { Tensor } from '../math/tensor.js';
import { runUnetWithOutputs } from '../model/components.js';
import type { DiffusionModel } from '../model/diffusion-model.js';
import { assertUsable } from '../run/model-guard.js';
import { encodePrompts } from '../run/text-conditioning.js';
import type { TokenizedPrompt } from '../tokenizers/types.js';
import { attentionFromOutputs, type StepAttention } from './attention-maps.js';

/** True when the model's UNet exports cross-attention maps (the pocket model does; SD exports do not). */
export function hasAttentionMaps(model: DiffusionModel): boolean {
  return model.config.unetAttentionOutputs.length > 0;
}

function requireAttention(model: DiffusionModel): readonly string[] {
  assertUsable(model);
  if (!hasAttentionMaps(model)) {
    throw new InvalidOptionError('model', 'this model does not export its cross-attention maps, so there is nothing to show per word');
  }
  return model.config.unetAttentionOutputs;
}

/**
 * `generate`, with each step's cross-attention for the prompt fetched as well: every record
 * carries `unetOutputs` (read them with {@link stepAttention}). Costs one larger UNet result per
 * step (see bench/attention.bench.ts). Throws an `InvalidOptionError` (field `model`) when the
 * model has no attention outputs.
 */
export function generateWithAttention(model: DiffusionModel, options: GenerateOptions): Generation {
  return generateWithOutputs(model, options, requireAttention(model));
}

/** The prompt's attention at one step of a `generateWithAttention` run. */
export function stepAttention(model: DiffusionModel, record: StepRecord): StepAttention {
  const names = requireAttention(model);
  if (!record.unetOutputs) throw new InvalidOptionError('record', 'carries no attention maps; run it with generateWithAttention');
  return attentionFromOutputs(record.unetOutputs, names, 0);
}

/**
 * One UNet call on `latent` [1, C, h, w] at `timestep` with `prompt`: its cross-attention and the
 * prompt's tokens. For measuring where words look on a picture of known content (encode it,
 * noise it with `noiseToTimestep`, then ask here); no guidance, the prompt's row only.
 */
export async function attentionAt(
  model: DiffusionModel,
  options: { prompt: string; latent: Tensor; timestep: number },
): Promise<{ attention: StepAttention; tokens: TokenizedPrompt; noise: Tensor }> {
  const names = requireAttention(model);
  if (!options.latent || options.latent.shape.length !== 4 || options.latent.shape[0] !== 1) {
    throw new InvalidOptionError('latent', 'must be a [1, C, h, w] tensor');
  }
  if (typeof options.timestep !== 'number' || !Number.isFinite(options.timestep)) {
    throw new InvalidOptionError('timestep', `must be a finite number, got ${String(options.timestep)}`);
  }
  const [encoded] = await encodePrompts(model, [options.prompt]);
  const { noise, outputs } = await runUnetWithOutputs(model.components.unet, options.latent, options.timestep, encoded!.states, names);
  return { attention: attentionFromOutputs(outputs, names, 0), tokens: encoded!.tokens, noise };
}

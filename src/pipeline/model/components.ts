import type { OnnxSession } from '../io/backend.js';
import { floatTensor, intTensor, readFloats, type IoTensor } from '../io/tensors.js';
import { tensor, type Tensor } from '../math/tensor.js';
import type { CheckedGraph } from './graph-contract.js';
import { timestepFeed } from './timestep-feed.js';

/** One loaded graph plus what its contract check learned about it. */
export interface Component {
  readonly session: OnnxSession;
  readonly graph: CheckedGraph;
}

function floatDtype(component: Component, name: string): 'float32' | 'float16' {
  return component.graph[name]!.dtype === 'float16' ? 'float16' : 'float32';
}

function output(result: Record<string, IoTensor>, name: string): Tensor {
  const value = result[name];
  if (!value) throw new Error(`graph returned no "${name}"`);
  return tensor(readFloats(value), value.dims);
}

/** Text encoder: a batch of id rows [B, S] → `last_hidden_state` [B, S, D] as float32. */
export async function runTextEncoder(component: Component, rows: readonly Int32Array[]): Promise<Tensor> {
  const length = rows[0]?.length ?? 0;
  const ids = new Int32Array(rows.length * length);
  rows.forEach((row, i) => ids.set(row, i * length));
  const dtype = component.graph['input_ids']!.dtype === 'int64' ? 'int64' : 'int32';
  const result = await component.session.run({ input_ids: intTensor(ids, [rows.length, length], dtype) });
  return output(result, 'last_hidden_state');
}

function unetFeeds(component: Component, sample: Tensor, timestep: number, states: Tensor): Record<string, IoTensor> {
  return {
    sample: floatTensor(sample.data, sample.shape, floatDtype(component, 'sample')),
    timestep: timestepFeed(component.graph['timestep']!, timestep, sample.shape[0]!),
    encoder_hidden_states: floatTensor(states.data, states.shape, floatDtype(component, 'encoder_hidden_states')),
  };
}

/**
 * UNet: latents [B, C, h, w] at one timestep with states [B, S, D] → the noise prediction [B, C, h, w].
 * Asks for `out_sample` only, so a graph's optional extra outputs (attention maps) cost nothing here.
 */
export async function runUnet(component: Component, sample: Tensor, timestep: number, states: Tensor): Promise<Tensor> {
  const result = await component.session.run(unetFeeds(component, sample, timestep, states), ['out_sample']);
  return output(result, 'out_sample');
}

/**
 * UNet with extra outputs: the noise prediction plus the named outputs the graph declares (the
 * pocket model's `unet_attention_outputs`, e.g. `cross_attention_16x16` [B, h·w, S]), as float32.
 */
export async function runUnetWithOutputs(
  component: Component,
  sample: Tensor,
  timestep: number,
  states: Tensor,
  extra: readonly string[],
): Promise<{ noise: Tensor; outputs: Record<string, Tensor> }> {
  const result = await component.session.run(unetFeeds(component, sample, timestep, states), ['out_sample', ...extra]);
  const outputs: Record<string, Tensor> = {};
  for (const name of extra) outputs[name] = output(result, name);
  return { noise: output(result, 'out_sample'), outputs };
}

/** VAE decoder: VAE-space latents [B, C, h, w] → image [B, 3, H, W] in about −1…1. */
export async function runVaeDecoder(component: Component, latents: Tensor): Promise<Tensor> {
  const result = await component.session.run({
    latent_sample: floatTensor(latents.data, latents.shape, floatDtype(component, 'latent_sample')),
  });
  return output(result, 'sample');
}

/** VAE encoder: image [B, 3, H, W] in −1…1 → VAE-space latents [B, C, H/f, W/f]. */
export async function runVaeEncoder(component: Component, image: Tensor): Promise<Tensor> {
  const result = await component.session.run({ sample: floatTensor(image.data, image.shape, floatDtype(component, 'sample')) });
  return output(result, 'latent_sample');
}

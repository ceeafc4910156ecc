import { InvalidOptionError } from '../errors.js';
import type { LinearShape } from './linear.js';
import { positionWidth } from './position-embedding.js';
import { PlaygroundRandom } from './random.js';

/**
 * The playground network's shape and its parameters. All parameters live in one flat
 * Float32Array (and their gradients in another of the same layout), so Adam is one loop and a
 * whole model crosses to and from the worker as a single transferable buffer.
 */

/** Sizes of the noise-predicting MLP. */
export interface MlpConfig {
  /** Width of every hidden layer. */
  readonly hidden: number;
  /** Residual blocks after the first layer (h ← h + silu(W·h + b)). */
  readonly blocks: number;
  /** Octaves of Fourier features of the input point (0: raw x, y only). */
  readonly positionFrequencies: number;
  /** Width of the sinusoidal timestep embedding (even). */
  readonly timeEmbedding: number;
  /** Number of labels; 0 for an unconditional model. */
  readonly classCount: number;
  /** Width of the learned class embedding (ignored when classCount is 0). */
  readonly classEmbedding: number;
}

/** Defaults that learn the silhouettes in a few thousand steps at batch 256. */
export const defaultMlpConfig: MlpConfig = { hidden: 64, blocks: 3, positionFrequencies: 5, timeEmbedding: 16, classCount: 0, classEmbedding: 8 };

/** Where one dense layer's weight and bias sit in the flat parameter array. */
export interface LinearSlot extends LinearShape {
  readonly weightOffset: number;
  readonly biasOffset: number;
}

/** Offsets of every parameter tensor. */
export interface MlpLayout {
  /** Width of the network's input row: position features, timestep embedding, class embedding. */
  readonly inputWidth: number;
  /** Column where the timestep embedding starts in the input row. */
  readonly timeColumn: number;
  /** Column where the class embedding starts in the input row. */
  readonly classColumn: number;
  /** Width of the class embedding actually used (0 for unconditional models). */
  readonly classWidth: number;
  /** Offset of the (classCount + 1) × classWidth embedding table; its last row is "no label". */
  readonly tableOffset: number;
  /** First layer, residual blocks, output layer, in order. */
  readonly layers: readonly LinearSlot[];
  readonly parameterCount: number;
}

/** A network: its config, layout and current parameters. */
export interface Mlp {
  readonly config: MlpConfig;
  readonly layout: MlpLayout;
  readonly parameters: Float32Array;
}

/** Checks the config and computes the parameter layout. */
export function mlpLayout(config: MlpConfig): MlpLayout {
  const positive = (field: keyof MlpConfig, min: number) => {
    const value = config[field];
    if (!Number.isInteger(value) || value < min) throw new InvalidOptionError(field, `expected an integer ≥ ${min}, got ${value}`);
  };
  positive('hidden', 1);
  positive('blocks', 0);
  positive('positionFrequencies', 0);
  positive('timeEmbedding', 2);
  positive('classCount', 0);
  positive('classEmbedding', 1);
  if (config.timeEmbedding % 2 !== 0) throw new InvalidOptionError('timeEmbedding', `must be even, got ${config.timeEmbedding}`);
  const classWidth = config.classCount > 0 ? config.classEmbedding : 0;
  const timeColumn = positionWidth(config.positionFrequencies);
  const classColumn = timeColumn + config.timeEmbedding;
  const inputWidth = classColumn + classWidth;
  let offset = 0;
  const tableOffset = offset;
  offset += classWidth > 0 ? (config.classCount + 1) * classWidth : 0;
  const layers: LinearSlot[] = [];
  const addLayer = (inputs: number, outputs: number) => {
    layers.push({ inputs, outputs, weightOffset: offset, biasOffset: offset + inputs * outputs });
    offset += inputs * outputs + outputs;
  };
  addLayer(inputWidth, config.hidden);
  for (let block = 0; block < config.blocks; block++) addLayer(config.hidden, config.hidden);
  addLayer(config.hidden, 2);
  return { inputWidth, timeColumn, classColumn, classWidth, tableOffset, layers, parameterCount: offset };
}

/**
 * A freshly initialised network: weights uniform in ±√(6/fan_in)/2 (He-style, halved so the
 * residual sum stays tame), biases zero, class embeddings N(0, 1) — all from `seed`.
 */
export function createMlp(config: MlpConfig, seed: number): Mlp {
  const layout = mlpLayout(config);
  const parameters = new Float32Array(layout.parameterCount);
  const random = new PlaygroundRandom(seed);
  const tableSize = layout.classWidth > 0 ? (config.classCount + 1) * layout.classWidth : 0;
  for (let i = 0; i < tableSize; i++) parameters[layout.tableOffset + i] = random.normal();
  layout.layers.forEach((layer, index) => {
    const isOutput = index === layout.layers.length - 1;
    const limit = (isOutput ? 0.5 : 1) * Math.sqrt(6 / layer.inputs) * 0.5;
    for (let i = 0; i < layer.inputs * layer.outputs; i++) parameters[layer.weightOffset + i] = (2 * random.uniform() - 1) * limit;
  });
  return { config, layout, parameters };
}

/** Views of one layer's weight and bias inside a flat array laid out by `layout`. */
export function layerViews(flat: Float32Array, slot: LinearSlot): { weight: Float32Array; bias: Float32Array } {
  return {
    weight: flat.subarray(slot.weightOffset, slot.weightOffset + slot.inputs * slot.outputs),
    bias: flat.subarray(slot.biasOffset, slot.biasOffset + slot.outputs),
  };
}

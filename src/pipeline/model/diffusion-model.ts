import type { ExecutionProvider, OnnxBackend } from '../io/backend.js';
import type { PromptTokenizer } from '../tokenizers/types.js';
import type { Component } from './components.js';
import type { LatentRgb } from './latent-rgb.js';
import type { ModelConfig } from './model-config.js';

/** The graphs of a model folder. */
export type ComponentName = 'textEncoder' | 'unet' | 'vaeDecoder' | 'vaeEncoder';

/**
 * A loaded text-to-image model: its config, tokenizer, latent preview factors and one onnxruntime
 * session per graph. Pass it to `generate`, `decodeLatent`, `encodeImage`…; call `dispose()` when
 * done to free every session (native, WASM and GPU memory).
 */
export interface DiffusionModel {
  /** The folder's URL or path. */
  readonly id: string;
  readonly config: ModelConfig;
  readonly tokenizer: PromptTokenizer;
  readonly latentRgb: LatentRgb;
  readonly backend: OnnxBackend;
  readonly components: Readonly<Record<Exclude<ComponentName, 'vaeEncoder'>, Component>> & { readonly vaeEncoder: Component | null };
  /** Where each loaded graph runs (WebGPU, WASM or the Node CPU provider). */
  readonly providers: Readonly<Partial<Record<ComponentName, ExecutionProvider>>>;
  /** True once `dispose` has been called. */
  readonly disposed: boolean;
  /** Releases every session; later use throws. Safe to call more than once. */
  dispose(): Promise<void>;
}

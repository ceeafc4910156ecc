import { AbortError } from '../../errors.js';
import { createScheduler, SchedulerConfigError, schedulerFromAlias } from '../math/schedulers/index.js';
import type { ExecutionProvider, ExternalDataFile, OnnxBackend, OnnxSession } from '../io/backend.js';
import type { Component } from './components.js';
import type { ComponentName, DiffusionModel } from './diffusion-model.js';
import { ModelLoadError } from './errors.js';
import { checkGraph, CONTRACTS, type GraphContract } from './graph-contract.js';
import { parseLatentRgb, SD1X_LATENT_RGB, type LatentRgb } from './latent-rgb.js';
import { loadTokenizer } from './load-tokenizer.js';
import { resolveLimits, type ModelLimits } from './limits.js';
import { requireObject, resolveModelConfig, type ModelConfig } from './model-config.js';
import { externalDataFiles } from './onnx-external-data.js';
import { readJson, type LoadProgress, type ModelSource, type ReadOptions } from './source.js';

/** Options for `loadModel`. */
export interface LoadModelOptions {
  /** The onnxruntime backend (`createNodeBackend()` or `createWebBackend()`). */
  readonly backend: OnnxBackend;
  /** Folder holding the bundled CLIP vocabulary (`assets/tokenizers/clip/`), for CLIP models without vocab files. */
  readonly clipAssets?: ModelSource;
  /** Per-file download/read progress. */
  readonly onProgress?: (progress: LoadProgress) => void;
  readonly signal?: AbortSignal;
  /** Execution providers to try for every graph, best first (browser); default the backend's choice. */
  readonly providers?: readonly ExecutionProvider[];
  /** Skip the optional VAE encoder (saves memory when images are never encoded). */
  readonly skipVaeEncoder?: boolean;
  /** Raise (or lower) what the folder may ask for: file sizes, text length, image size… (see `ModelLimits`). */
  readonly limits?: Partial<ModelLimits>;
}

async function optionalObject(source: ModelSource, path: string, options: ReadOptions): Promise<Record<string, unknown> | null> {
  if (!(await source.exists(path, options))) return null;
  return requireObject(await readJson(source, path, options), path);
}

async function loadLatentRgb(source: ModelSource, config: ModelConfig, options: ReadOptions): Promise<LatentRgb> {
  const value = await optionalObject(source, config.latentRgbFile, options);
  return value ? parseLatentRgb(value, config.latentChannels, config.latentRgbFile) : SD1X_LATENT_RGB;
}

/**
 * Loads a diffusers-style ONNX model folder: reads and validates `model_index.json` and the
 * scheduler, tokenizer and optional configs, then creates one session per graph and checks each
 * graph's input/output names and dtypes from the session metadata. The folder is a sandbox:
 * every file, including a graph's external data, is read through `source` (which keeps it inside
 * the folder), within `limits`, and the configs are checked before any session exists. Every
 * failure is a `ModelLoadError` naming the file, key or graph value (a `SchedulerConfigError`
 * for `scheduler_config.json`); sessions created before a failure are released.
 */
export async function loadModel(source: ModelSource, options: LoadModelOptions): Promise<DiffusionModel> {
  const limits = resolveLimits(options.limits);
  const read: ReadOptions = { ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  const jsonRead: ReadOptions = { ...read, maxBytes: limits.jsonBytes, maxBytesOption: 'limits.jsonBytes' };
  const graphRead: ReadOptions = { ...read, maxBytes: limits.fileBytes, maxBytesOption: 'limits.fileBytes' };
  const modelIndex = await readJson(source, 'model_index.json', jsonRead);
  const schedulerConfig = await readJson(source, 'scheduler/scheduler_config.json', jsonRead);
  // A folder whose model_index.json carries our `latent_explorables` block states every size
  // there; only other exports need their optional component configs (no probing requests).
  const describesItself = typeof modelIndex === 'object' && modelIndex !== null && 'latent_explorables' in modelIndex;
  const config = resolveModelConfig(
    modelIndex,
    schedulerConfig,
    {
      vaeDecoder: describesItself ? null : await optionalObject(source, 'vae_decoder/config.json', jsonRead),
      unet: describesItself ? null : await optionalObject(source, 'unet/config.json', jsonRead),
    },
    limits,
  );
  checkSchedulerConfig(config.schedulerConfig);
  const tokenizer = await loadTokenizer(source, config, options.clipAssets, jsonRead);
  const latentRgb = await loadLatentRgb(source, config, jsonRead);

  const opened: OnnxSession[] = [];
  const releaseAll = () => Promise.all(opened.map((session) => session.release()));
  const load = async (name: ComponentName, contract: GraphContract): Promise<Component> => {
    if (options.signal?.aborted) throw new AbortError();
    const bytes = await source.read(contract.file, graphRead);
    const externalData = await readExternalData(source, contract.file, bytes, graphRead);
    let session;
    try {
      session = await options.backend.createSession(bytes, {
        label: name,
        ...(options.providers ? { providers: options.providers } : {}),
        ...(externalData.length ? { externalData } : {}),
      });
    } catch (cause) {
      throw new ModelLoadError(contract.file, `onnxruntime could not load it: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    opened.push(session);
    return { session, graph: checkGraph(contract, session) };
  };
  try {
    const textEncoder = await load('textEncoder', CONTRACTS.textEncoder);
    const unet = await load('unet', CONTRACTS.unet);
    checkDeclaredTimestep(config, unet);
    checkDeclaredUnetOutputs(config, unet.session);
    const vaeDecoder = await load('vaeDecoder', CONTRACTS.vaeDecoder);
    const wantEncoder = !options.skipVaeEncoder && (await source.exists(CONTRACTS.vaeEncoder.file, read));
    const vaeEncoder = wantEncoder ? await load('vaeEncoder', CONTRACTS.vaeEncoder) : null;
    if (options.signal?.aborted) throw new AbortError();
    return assemble(source.id, config, tokenizer, latentRgb, options.backend, { textEncoder, unet, vaeDecoder, vaeEncoder });
  } catch (error) {
    await releaseAll();
    throw error;
  }
}

/** Every extra UNet output model_index.json declares must be a float output of the UNet graph. */
function checkDeclaredUnetOutputs(config: ModelConfig, session: OnnxSession): void {
  for (const name of config.unetAttentionOutputs) {
    const value = session.outputs.find((v) => v.name === name);
    if (!value || (value.dtype !== 'float32' && value.dtype !== 'float16')) {
      throw new ModelLoadError(
        'model_index.json:latent_explorables.unet_attention_outputs',
        `declares "${name}", but ${CONTRACTS.unet.file} has no float output of that name (its outputs: ${session.outputs.map((v) => v.name).join(', ')})`,
      );
    }
  }
}

/**
 * Reads the weight files a graph keeps beside it (exports over 2 GB must: the diffusers
 * script's `weights.pb`, optimum's `model.onnx_data`). The graph's own tensors name them; each
 * name is checked to be a plain file name and read from the model folder, so onnxruntime is
 * handed every byte it needs and never looks a file up itself.
 */
async function readExternalData(source: ModelSource, graphFile: string, graph: Uint8Array, read: ReadOptions): Promise<ExternalDataFile[]> {
  const folder = graphFile.slice(0, graphFile.lastIndexOf('/') + 1);
  const names = await externalDataFiles(graph, graphFile, read.signal ? { signal: read.signal } : {});
  const files: ExternalDataFile[] = [];
  for (const path of names) files.push({ path, data: await source.read(folder + path, read) });
  return files;
}

/**
 * Refuses a broken `scheduler_config.json` now, before any session exists, with the
 * `SchedulerConfigError` a run would meet. A class this library lacks (SD 1.5's PNDM) is fine:
 * runs replace it with DDIM on the same betas, which must then hold.
 */
function checkSchedulerConfig(config: Readonly<Record<string, unknown>>): void {
  try {
    createScheduler(config);
  } catch (error) {
    if (!(error instanceof SchedulerConfigError && error.code === 'unsupported-scheduler-class')) throw error;
    schedulerFromAlias('ddim', config);
  }
}

function checkDeclaredTimestep(config: ModelConfig, unet: Component): void {
  const actual = unet.graph['timestep']!.dtype;
  if (config.declaredTimestepDtype && config.declaredTimestepDtype !== actual) {
    throw new ModelLoadError(
      'unet/model.onnx:timestep',
      `model_index.json declares timestep_dtype ${config.declaredTimestepDtype} but the graph takes ${actual}`,
    );
  }
}

function assemble(
  id: string,
  config: ModelConfig,
  tokenizer: DiffusionModel['tokenizer'],
  latentRgb: LatentRgb,
  backend: OnnxBackend,
  components: DiffusionModel['components'],
): DiffusionModel {
  let disposed = false;
  const providers: Partial<Record<ComponentName, ExecutionProvider>> = {};
  for (const [name, component] of Object.entries(components)) {
    if (component) providers[name as ComponentName] = component.session.provider;
  }
  return {
    id,
    config,
    tokenizer,
    latentRgb,
    backend,
    components,
    providers,
    get disposed() {
      return disposed;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await Promise.all(Object.values(components).map((c) => c?.session.release()));
    },
  };
}

/** The CLI's runtime port implemented by the pipeline on onnxruntime-node, or on onnxruntime-web's WASM without it (`selectNodeBackend`). */
import { generate, type GenerationInfo } from '../pipeline/generate.js';
import { decodeLatent } from '../pipeline/latent-images.js';
import type { DiffusionModel } from '../pipeline/model/diffusion-model.js';
import { loadModelInNode } from '../pipeline/model/node.js';
import { sweep } from '../pipeline/sweeps.js';
import { promptWordsOf } from '../pipeline/tokenizers/types.js';
import type { CliModel, CliRunInfo, CliRunRequest, CliRuntime } from './runtime.js';

function runInfo(info: GenerationInfo): CliRunInfo {
  return {
    seed: info.seed,
    steps: info.steps,
    guidanceScale: info.guidanceScale,
    width: info.width,
    height: info.height,
    scheduler: { className: info.schedulerClass, config: info.schedulerConfig },
    promptTruncated: info.promptTokens?.truncated === true,
    schedulerReplaced: info.schedulerReplaced,
    promptWords: promptWordsOf(info.promptTokens),
  };
}

/**
 * A run's info promise, which callers await only once a step has arrived: a run failing before
 * its first step rejects it too, and that must not also surface as an unhandled rejection (the
 * steps report the same error).
 */
function settledLater<T>(info: Promise<T>): Promise<T> {
  info.catch(() => undefined);
  return info;
}

function cliModel(model: DiffusionModel): CliModel {
  return {
    id: model.id,
    vaeScaleFactor: model.config.vaeScaleFactor,
    imageSize: model.config.imageSize,
    latentRgb: model.latentRgb,
    start(request: CliRunRequest) {
      const run = generate(model, request);
      return { steps: run, info: settledLater(run.info.then(runInfo)) };
    },
    sweep(request, cells) {
      const { seed: _seed, guidanceScale: _guidance, ...shared } = request;
      // Errors name the CLI's list options, not the library's cell indices.
      const run = sweep(model, shared, cells, (_index, key) => (key === 'seed' ? '--seeds' : '--guidance'));
      return { steps: run, info: settledLater(run.info.then((info) => ({ ...runInfo(info), cells: info.cells }))) };
    },
    decode: (latent) => decodeLatent(model, latent),
    dispose: () => model.dispose(),
  };
}

/** Loads model folders (paths or http(s) URLs) with the best Node runtime installed. */
export const nodeRuntime: CliRuntime = {
  async load(location, options) {
    const model = await loadModelInNode(location, {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      skipVaeEncoder: true,
    });
    return cliModel(model);
  },
};

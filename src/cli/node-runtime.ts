/** The CLI's runtime port implemented by the pipeline on onnxruntime-node. */
import { generate } from '../pipeline/generate.js';
import { decodeLatent } from '../pipeline/latent-images.js';
import type { DiffusionModel } from '../pipeline/model/diffusion-model.js';
import { loadModelInNode } from '../pipeline/model/node.js';
import type { CliModel, CliRun, CliRunRequest, CliRuntime } from './runtime.js';

function cliModel(model: DiffusionModel): CliModel {
  return {
    id: model.id,
    vaeScaleFactor: model.config.vaeScaleFactor,
    imageSize: model.config.imageSize,
    latentRgb: model.latentRgb,
    start(request: CliRunRequest): CliRun {
      const run = generate(model, request);
      return {
        steps: run,
        info: run.info.then((info) => ({
          seed: info.seed,
          width: info.width,
          height: info.height,
          scheduler: { className: info.schedulerClass, config: info.schedulerConfig },
          promptTruncated: info.promptTokens?.truncated === true,
          schedulerReplaced: info.schedulerReplaced,
        })),
      };
    },
    decode: (latent) => decodeLatent(model, latent),
    dispose: () => model.dispose(),
  };
}

/** Loads model folders (paths or http(s) URLs) with onnxruntime-node. */
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

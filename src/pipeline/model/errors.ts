import { LatentExplorablesError } from '../../errors.js';

/**
 * A model folder could not be loaded: a file is missing or unreadable, a config is malformed, or
 * a graph's inputs/outputs are not what a diffusers ONNX export has. `field` names the file
 * (e.g. `"unet/model.onnx"`) or the graph value (e.g. `"unet/model.onnx:sample"`).
 */
export class ModelLoadError extends LatentExplorablesError {
  constructor(field: string, message: string, options: { cause?: unknown } = {}) {
    super('model-load', `${field}: ${message}`, { field, ...options });
  }
}

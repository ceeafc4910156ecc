import { LatentExplorablesError, registerErrorClass } from '../../errors.js';

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

registerErrorClass(ModelLoadError, 'model-load');

/** A value as a message quotes it: JSON, cut short (a hostile file may hold megabytes of it). */
export function shownValue(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}…` : json;
}

/** Copies onnxruntime-web's WASM runtime into `target` (default assets/ort); returns it. */
export function ensureOrtRuntime(target?: string): string;

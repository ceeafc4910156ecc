// onnxruntime-web loads its WASM binary at run time. The site and the tests serve a copy under
// assets/ort/ (ignored by git), the place pages look when the package is hosted outside
// node_modules and npm CDNs (src/pipeline/io/ort-wasm-location.ts). The npm package ships no
// copy: onnxruntime-web, its dependency, holds the file.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = 'node_modules/onnxruntime-web/dist';
/** The files pages load (ORT_WASM_FILE for WebGPU, ORT_PLAIN_WASM_FILE for WASM sessions): the bundles carry onnxruntime's JS glue themselves. */
const FILES = ['ort-wasm-simd-threaded.jsep.wasm', 'ort-wasm-simd-threaded.wasm'];

/** Copies the runtime's WASM binary into `target` (default assets/ort), unless already current. */
export function ensureOrtRuntime(target = 'assets/ort') {
  mkdirSync(target, { recursive: true });
  for (const file of FILES) {
    const from = join(SOURCE, file);
    const to = join(target, file);
    if (!existsSync(to) || statSync(to).size !== statSync(from).size) copyFileSync(from, to);
  }
  return target;
}

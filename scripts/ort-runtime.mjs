// onnxruntime-web loads its WASM binary at run time. The site and the tests serve a copy under
// assets/ort/ (ignored by git), the place pages look when the package is hosted outside
// node_modules and npm CDNs (src/pipeline/io/ort-wasm-location.ts). The npm package ships no
// copy: onnxruntime-web, its dependency, holds the file.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = 'node_modules/onnxruntime-web/dist';
/** The one file pages load (ORT_WASM_FILE): the bundles carry onnxruntime's JS glue themselves. */
const FILE = 'ort-wasm-simd-threaded.jsep.wasm';

/** Copies the runtime's WASM binary into `target` (default assets/ort), unless already current. */
export function ensureOrtRuntime(target = 'assets/ort') {
  mkdirSync(target, { recursive: true });
  const from = join(SOURCE, FILE);
  const to = join(target, FILE);
  if (!existsSync(to) || statSync(to).size !== statSync(from).size) copyFileSync(from, to);
  return target;
}

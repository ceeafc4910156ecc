// onnxruntime-web loads its WASM runtime (.wasm + .mjs loader) at run time. We place a copy
// under assets/ort/ (ignored by git) so every page, test and bundle finds it at the same
// place as the other shipped files: assetUrl('ort/').
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = 'node_modules/onnxruntime-web/dist';
const FILES = /^ort-wasm-simd-threaded\.(jsep\.)?(wasm|mjs)$/;

/** Copies the runtime files into `target` (default assets/ort), skipping ones already current. */
export function ensureOrtRuntime(target = 'assets/ort') {
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(SOURCE).filter((n) => FILES.test(n))) {
    const from = join(SOURCE, name);
    const to = join(target, name);
    if (!existsSync(to) || statSync(to).size !== statSync(from).size) copyFileSync(from, to);
  }
  return target;
}

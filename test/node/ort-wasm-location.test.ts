// Where pages find onnxruntime-web's WASM by default: the npm package carries no copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ORT_WEB_VERSION, defaultWasmBase } from '../../src/pipeline/io/ort-wasm-location.js';

test('node_modules as npm installed it: the onnxruntime-web package beside this one', () => {
  assert.equal(defaultWasmBase('http://localhost:5173/node_modules/latent-explorables/assets/'), 'http://localhost:5173/node_modules/onnxruntime-web/dist/');
  assert.equal(defaultWasmBase('https://example.org/app/node_modules/latent-explorables/assets'), 'https://example.org/app/node_modules/onnxruntime-web/dist/');
});

test('an npm CDN (versioned URL): the pinned onnxruntime-web release on the same CDN', () => {
  assert.equal(defaultWasmBase('https://cdn.jsdelivr.net/npm/latent-explorables@0.1.0/assets/'), `https://cdn.jsdelivr.net/npm/onnxruntime-web@${ORT_WEB_VERSION}/dist/`);
  assert.equal(defaultWasmBase('https://unpkg.com/latent-explorables@0.1.0/assets/'), `https://unpkg.com/onnxruntime-web@${ORT_WEB_VERSION}/dist/`);
});

test('anywhere else (your own host, this repository’s site): assets/ort/', () => {
  assert.equal(defaultWasmBase('https://your.host/latent-explorables/assets/'), 'https://your.host/latent-explorables/assets/ort/');
  assert.equal(defaultWasmBase('http://127.0.0.1:8321/assets/'), 'http://127.0.0.1:8321/assets/ort/');
  assert.equal(defaultWasmBase('https://example.org/static/lx/assets/'), 'https://example.org/static/lx/assets/ort/');
});

test('the version is the one package.json pins exactly and npm installed', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
  assert.equal(pkg.dependencies['onnxruntime-web'], ORT_WEB_VERSION);
  const installed = JSON.parse(readFileSync('node_modules/onnxruntime-web/package.json', 'utf8')) as { version: string };
  assert.equal(installed.version, ORT_WEB_VERSION);
});

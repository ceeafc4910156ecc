/**
 * A model folder by URL is a sandbox too: every file it names is fetched from the folder's
 * origin and under its path; bodies have byte limits (counted decoded, so a gzip bomb stops at
 * the limit); a silent or trickling server times out. Served by a hostile server on 127.0.0.1.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { httpSource } from '../../src/pipeline/model/http-source.js';
import { ModelLoadError } from '../../src/pipeline/model/errors.js';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import { AbortError } from '../../src/errors.js';
import type { OnnxBackend } from '../../src/pipeline/io/backend.js';
import { addFolder, endless, gzipBomb, hostileServer, silence, trickle, type HostileServer } from './hostile-server.js';
import { identityOfExternal } from './onnx-protobuf.js';

let server: HostileServer;
let other: HostileServer;
let pocketIndex: Record<string, unknown>;

before(async () => {
  server = await hostileServer();
  other = await hostileServer();
  await addFolder(server.routes, 'assets/models/pocket', '/pocket/');
  server.routes.set('/secret.json', new TextEncoder().encode('{"weights": [[1,0,0],[0,1,0],[0,0,1],[1,1,1]]}'));
  other.routes.set('/x.json', new TextEncoder().encode('{}'));
  pocketIndex = JSON.parse(await readFile('assets/models/pocket/model_index.json', 'utf8')) as Record<string, unknown>;
});
after(async () => {
  await server?.close();
  await other?.close();
});

const unreachable: OnnxBackend = {
  name: 'unreachable',
  availableProviders: async () => ['cpu'],
  createSession: async () => {
    throw new Error('unreachable backend: a session was asked for');
  },
};

let folders = 0;
/** The pocket folder under a new URL path, with model_index.json's block changed by `edit`. */
function servedCopy(edit: (ours: Record<string, unknown>) => void = () => undefined): string {
  const prefix = `/copy-${folders++}/`;
  for (const [path, body] of [...server.routes]) if (path.startsWith('/pocket/')) server.routes.set(prefix + path.slice('/pocket/'.length), body);
  const index = structuredClone(pocketIndex) as { latent_explorables: Record<string, unknown> };
  edit(index.latent_explorables);
  server.routes.set(`${prefix}model_index.json`, new TextEncoder().encode(JSON.stringify(index)));
  return `${server.origin}${prefix}`;
}

test('paths in model_index.json cannot reach another folder, host or origin: typed errors naming the key, and no request leaves', async () => {
  const before = server.requests.length;
  const escapes = ['../secret.json', '../../secret.json', '/secret.json', `//127.0.0.1:${new URL(other.origin).port}/x.json`, `${other.origin}/x.json`, `HTTP://127.0.0.1:${new URL(other.origin).port}/x.json`];
  for (const key of ['word_map', 'latent_rgb']) {
    for (const value of escapes) {
      const url = servedCopy((ours) => (ours[key] = value));
      await assert.rejects(loadModelInNode(url, { backend: unreachable }), (error: unknown) => {
        assert.ok(error instanceof ModelLoadError, String(error));
        assert.equal(error.field, `model_index.json:latent_explorables.${key}`);
        return true;
      });
    }
  }
  assert.equal(other.requests.length, 0, 'nothing was fetched from the other origin');
  assert.ok(!server.requests.slice(before).includes('/secret.json'), 'nothing was fetched outside the folder');
});

test('the source itself keeps every read on the folder origin and under its path', async () => {
  const source = httpSource(`${server.origin}/pocket/`, { cacheName: false });
  for (const path of ['../secret.json', '/secret.json', `${other.origin}/x.json`, `//127.0.0.1:${new URL(other.origin).port}/x.json`, '%2e%2e/secret.json', 'a/..%2f..%2fsecret.json', 'a%5c..%5csecret.json']) {
    await assert.rejects(source.read(path), (e: unknown) => e instanceof ModelLoadError && e.field === path && /outside the model folder/.test(e.message), path);
    await assert.rejects(source.exists(path), ModelLoadError, path);
  }
  assert.equal(other.requests.length, 0);
  // A query string stays inside (tests use it to defeat caches).
  assert.ok((await source.read('model_index.json?probe=1')).length > 100);
});

test('a graph by URL names its external data: a plain name is fetched from the folder, anything else refused unfetched', async () => {
  const escaping = servedCopy();
  server.routes.set(`${new URL(escaping).pathname}text_encoder/model.onnx`, identityOfExternal('../../secret.json'));
  await assert.rejects(loadModelInNode(escaping, { backend: unreachable }), (e: unknown) => e instanceof ModelLoadError && e.field === 'text_encoder/model.onnx' && /not a file beside the graph/.test(e.message));
  const plain = servedCopy();
  const prefix = new URL(plain).pathname;
  server.routes.set(`${prefix}text_encoder/model.onnx`, identityOfExternal('weights.bin'));
  server.routes.set(`${prefix}text_encoder/weights.bin`, new Uint8Array(16));
  await assert.rejects(loadModelInNode(plain, { backend: unreachable }), /onnxruntime could not load it: unreachable backend/);
  assert.ok(server.requests.includes(`${prefix}text_encoder/weights.bin`));
  assert.ok(!server.requests.includes('/secret.json'));
});

test('an http URL is a URL in any letter case', async () => {
  // "HTTP://…" used to be read as a relative path; now the configs are fetched and the (refusing) backend is reached.
  const url = servedCopy().replace('http://', 'HTTP://');
  await assert.rejects(loadModelInNode(url, { backend: unreachable }), /onnxruntime could not load it: unreachable backend/);
});

test('an endless graph body stops at limits.fileBytes; a gzip bomb of a JSON file stops at limits.jsonBytes, in bounded memory', async () => {
  const endlessUrl = servedCopy();
  server.routes.set(`${new URL(endlessUrl).pathname}text_encoder/model.onnx`, endless());
  await assert.rejects(loadModelInNode(endlessUrl, { backend: unreachable, limits: { fileBytes: 8 * 2 ** 20 } }), (e: unknown) => {
    assert.ok(e instanceof ModelLoadError, String(e));
    assert.equal(e.field, 'text_encoder/model.onnx');
    assert.match(e.message, /larger than 8 MiB.*raise limits\.fileBytes/);
    return true;
  });
  const bombUrl = servedCopy();
  server.routes.set(`${new URL(bombUrl).pathname}model_index.json`, gzipBomb(2 ** 30));
  const rssBefore = process.memoryUsage().rss;
  await assert.rejects(loadModelInNode(bombUrl, { backend: unreachable }), (e: unknown) => {
    assert.ok(e instanceof ModelLoadError, String(e));
    assert.equal(e.field, 'model_index.json');
    assert.match(e.message, /larger than 16 MiB.*raise limits\.jsonBytes/);
    return true;
  });
  const grown = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  assert.ok(grown < 256, `a 1 GiB bomb cost ${grown.toFixed(0)} MiB of memory`);
});

test('a silent server and a trickling body time out (connectTimeoutMs, idleTimeoutMs), naming the file and the option', async () => {
  server.routes.set('/slow/silent.json', silence);
  server.routes.set('/slow/trickle.json', trickle(20));
  const source = httpSource(`${server.origin}/slow/`, { cacheName: false, connectTimeoutMs: 300, idleTimeoutMs: 400 });
  await assert.rejects(source.read('silent.json'), (e: unknown) => e instanceof ModelLoadError && e.field === 'silent.json' && /no response from .* within 0\.3 s \(raise connectTimeoutMs/.test(e.message));
  await assert.rejects(source.exists('silent.json'), /no response/);
  await assert.rejects(source.read('trickle.json'), (e: unknown) => e instanceof ModelLoadError && /stalled: less than 64 kiB arrived in 0\.4 s \(raise idleTimeoutMs/.test(e.message));
  // The caller's own abort is still an AbortError, not a timeout.
  const controller = new AbortController();
  const pending = source.read('silent.json', { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(pending, AbortError);
  // The whole model load by URL in Node takes the same options.
  const url = servedCopy();
  server.routes.set(`${new URL(url).pathname}scheduler/scheduler_config.json`, silence);
  await assert.rejects(loadModelInNode(url, { backend: unreachable, connectTimeoutMs: 300 }), /scheduler\/scheduler_config\.json: no response/);
});

test('"could not be fetched" says why', async () => {
  const closed = await hostileServer();
  const origin = closed.origin;
  await closed.close();
  await assert.rejects(httpSource(`${origin}/m/`, { cacheName: false }).read('model_index.json'), (e: unknown) => {
    assert.ok(e instanceof ModelLoadError);
    assert.match(e.message, /could not be fetched from .*\(fetch failed: .*ECONNREFUSED/);
    assert.ok(e.cause, 'the cause is kept');
    return true;
  });
});

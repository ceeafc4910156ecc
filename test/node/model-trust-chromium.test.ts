/**
 * The model-folder sandbox in Chromium, through the download worker (the default) and the
 * in-page reader: paths that leave the folder, external data that is not a file beside its
 * graph, a gzip bomb, an endless body, a silent and a trickling server. The page and every
 * hostile folder come from one server on 127.0.0.1 made here; a second origin counts any
 * request that reaches it (there must be none).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureChromium } from '../../scripts/chromium-path.mjs';
import { chromiumArgs } from '../../scripts/browser-flags.mjs';
import { bundlePageWithWorkers } from '../../scripts/workers.mjs';
import { addFolder, endless, gzipBomb, hostileServer, silence, trickle, type HostileServer } from './hostile-server.js';
import { identityOfExternal } from './onnx-protobuf.js';
import type { LoadRequest, Outcome } from './model-trust-chromium/page.js';

let server: HostileServer;
let other: HostileServer;
let browser: Browser;
let page: Page;
let bundle = '';
let pocketIndex: { latent_explorables: Record<string, unknown> };

before(async () => {
  bundle = await mkdtemp(join(tmpdir(), 'lx-trust-page-'));
  await bundlePageWithWorkers({ page: 'test/node/model-trust-chromium/page.ts' }, bundle);
  server = await hostileServer();
  other = await hostileServer();
  for (const name of await readdir(bundle)) server.routes.set(`/page/${name}`, new Uint8Array(await readFile(join(bundle, name))));
  server.routes.set('/page/index.html', new TextEncoder().encode('<!doctype html><meta charset="utf-8"><script type="module" src="./page.js"></script>'));
  await addFolder(server.routes, 'assets/models/pocket', '/pocket/');
  await addFolder(server.routes, 'assets/tokenizers/clip', '/clip/');
  server.routes.set('/secret.json', new TextEncoder().encode('{"weights": [[1,0,0],[0,1,0],[0,0,1],[1,1,1]]}'));
  other.routes.set('/x.json', new TextEncoder().encode('{}'));
  pocketIndex = JSON.parse(await readFile('assets/models/pocket/model_index.json', 'utf8')) as typeof pocketIndex;
  browser = await chromium.launch({ executablePath: ensureChromium() as string, args: chromiumArgs as string[], headless: true });
  page = await browser.newPage();
  // tsx compiles callbacks passed to page.evaluate with keepNames, which needs Node's `__name`.
  await page.addInitScript('globalThis.__name = (target) => target;');
  await page.goto(`${server.origin}/page/index.html`);
  await page.waitForFunction(() => 'trust' in window);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await other?.close();
  if (bundle) await rm(bundle, { recursive: true, force: true });
});

type Trust = { load(request: LoadRequest): Promise<Outcome>; read(base: string, path: string, inWorker: boolean): Promise<Outcome> };
const load = (request: LoadRequest) => page.evaluate((r) => (window as unknown as { trust: Trust }).trust.load(r), request);
const read = (base: string, path: string, inWorker: boolean) =>
  page.evaluate(([b, p, w]) => (window as unknown as { trust: Trust }).trust.read(b, p, w), [base, path, inWorker] as const);

let folders = 0;
/** The pocket folder under a new path, with its model_index.json block and files changed. */
function servedCopy(edit: (ours: Record<string, unknown>) => void = () => undefined, files: Record<string, Uint8Array | Parameters<typeof server.routes.set>[1]> = {}): string {
  const prefix = `/copy-${folders++}/`;
  for (const [path, body] of [...server.routes]) if (path.startsWith('/pocket/')) server.routes.set(prefix + path.slice('/pocket/'.length), body);
  const index = structuredClone(pocketIndex);
  edit(index.latent_explorables);
  server.routes.set(`${prefix}model_index.json`, new TextEncoder().encode(JSON.stringify(index)));
  for (const [path, body] of Object.entries(files)) server.routes.set(prefix + path, body);
  return `${server.origin}${prefix}`;
}

function refused(result: Outcome, field: string, message: RegExp): void {
  assert.equal(result.ok, false, 'the load was refused');
  assert.equal(result.name, 'ModelLoadError', JSON.stringify(result));
  assert.equal(result.field, field, result.message);
  assert.match(result.message ?? '', message);
}

for (const inWorker of [true, false]) {
  describe(`model folders by URL in Chromium, ${inWorker ? 'through the download worker' : 'read in the page'}`, { timeout: 180_000 }, () => {
    it('paths in model_index.json cannot reach another folder or origin: errors naming the key, no request sent', async () => {
      const otherPort = new URL(other.origin).port;
      for (const value of ['../secret.json', '/secret.json', `//127.0.0.1:${otherPort}/x.json`, `${other.origin}/x.json`]) {
        refused(await load({ url: servedCopy((ours) => (ours['word_map'] = value)), inWorker }), 'model_index.json:latent_explorables.word_map', /must be a path inside the model folder/);
      }
      for (const path of ['../secret.json', `${other.origin}/x.json`, '%2e%2e/secret.json']) {
        refused(await read(`${server.origin}/pocket/`, path, inWorker), path, /outside the model folder/);
      }
      assert.equal(other.requests.length, 0);
      assert.ok(!server.requests.includes('/secret.json'));
    });

    it('a graph naming external data that is not a file beside it is refused before any session; a plain name is read from the folder', async () => {
      const escaping = servedCopy(undefined, { 'text_encoder/model.onnx': identityOfExternal('../../secret.json') });
      refused(await load({ url: escaping, inWorker }), 'text_encoder/model.onnx', /names external data "\.\.\/\.\.\/secret\.json", which is not a file beside the graph/);
      const plain = servedCopy(undefined, { 'text_encoder/model.onnx': identityOfExternal('weights.bin') });
      refused(await load({ url: plain, inWorker }), 'text_encoder/weights.bin', /is missing \(HTTP 404/);
      assert.ok(server.requests.includes(`${new URL(plain).pathname}text_encoder/weights.bin`), 'fetched from the folder');
    });

    it('a gzip bomb of model_index.json stops at limits.jsonBytes; an endless graph at limits.fileBytes', async () => {
      refused(await load({ url: servedCopy(undefined, { 'model_index.json': gzipBomb(2 ** 30) }), inWorker }), 'model_index.json', /larger than 16 MiB.*limits\.jsonBytes/);
      const endlessGraph = servedCopy(undefined, { 'text_encoder/model.onnx': endless() });
      refused(await load({ url: endlessGraph, inWorker, limits: { fileBytes: 4 * 2 ** 20 } }), 'text_encoder/model.onnx', /larger than 4 MiB.*limits\.fileBytes/);
    });

    it('a silent server and a trickling body time out with the option named', async () => {
      refused(await load({ url: servedCopy(undefined, { 'scheduler/scheduler_config.json': silence }), inWorker, connectTimeoutMs: 500 }), 'scheduler/scheduler_config.json', /no response from .* within 0\.5 s \(raise connectTimeoutMs/);
      refused(await load({ url: servedCopy(undefined, { 'scheduler/scheduler_config.json': trickle(20) }), inWorker, idleTimeoutMs: 600 }), 'scheduler/scheduler_config.json', /stalled: .* in 0\.6 s \(raise idleTimeoutMs/);
    });
  });
}

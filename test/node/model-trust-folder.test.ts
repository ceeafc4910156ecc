/**
 * A model folder is a sandbox: every file its configs name resolves inside it (by path and
 * after symlinks), only regular files are read, and sizes and config values have limits.
 * Each case is a hostile copy of a fixture folder, made here; each ends in one typed error
 * naming the file or key, before any session exists.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, link, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSource } from '../../src/pipeline/model/file-source.js';
import { ModelLoadError } from '../../src/pipeline/model/errors.js';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import { DEFAULT_MODEL_LIMITS } from '../../src/pipeline/model/limits.js';
import { SchedulerConfigError } from '../../src/pipeline/math/schedulers/errors.js';
import { InvalidOptionError } from '../../src/errors.js';
import type { OnnxBackend } from '../../src/pipeline/io/backend.js';

const POCKET = 'assets/models/pocket';
let scratch = '';
let pocket = '';

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'lx-folder-'));
  // One copy of the pocket model's small files; graphs are linked in (they are never read here).
  pocket = join(scratch, 'pocket');
  await cp(POCKET, pocket, { recursive: true });
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Fails the test if a session is ever created: every refusal here comes first. */
const unreachable: OnnxBackend = {
  name: 'unreachable',
  availableProviders: async () => ['cpu'],
  createSession: async () => assert.fail('a session was created for a refused folder'),
};

let copies = 0;
/** A copy of the pocket folder changed by `edit`: small files copied, graphs hard-linked (same bytes, no 17 MB copy). */
async function hostileCopy(edit: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(scratch, `copy-${copies++}`);
  await cp(pocket, dir, { recursive: true, filter: (from) => !from.endsWith('.onnx') });
  for (const part of ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder']) await link(join(pocket, part, 'model.onnx'), join(dir, part, 'model.onnx'));
  await edit(dir);
  return dir;
}

async function editIndex(dir: string, change: (ours: Record<string, unknown>) => void): Promise<void> {
  const path = join(dir, 'model_index.json');
  const index = JSON.parse(await readFile(path, 'utf8')) as { latent_explorables: Record<string, unknown> };
  change(index.latent_explorables);
  await writeFile(path, JSON.stringify(index));
}

async function refused(folder: string, field: string, message: RegExp, options = {}): Promise<void> {
  await assert.rejects(loadModelInNode(folder, { backend: unreachable, ...options }), (error: unknown) => {
    assert.ok(error instanceof ModelLoadError || error instanceof SchedulerConfigError, `expected a typed error, got ${String(error)}`);
    assert.equal(error.field, field, error.message);
    assert.match(error.message, message);
    return true;
  });
}

test('paths in model_index.json must stay inside the folder: each escape is an error naming the key, never skipped', async () => {
  const escapes = ['../../secret.json', '/etc/passwd', '//other-host/x.json', 'http://other-host/x.json', 'HTTP://other-host/x', 'tokenizer/../../x.json', 'a\\..\\x', 'tokenizer//word_map.json', '%2e%2e/x', ''];
  for (const key of ['word_map', 'latent_rgb']) {
    for (const value of [...escapes, 42]) {
      const dir = await hostileCopy((d) => editIndex(d, (ours) => (ours[key] = value)));
      await refused(dir, `model_index.json:latent_explorables.${key}`, /must be a path inside the model folder/);
    }
  }
});

test('a file that links out of the folder is refused, not read: a tokenizer symlinked to /dev/zero or to a file elsewhere', async () => {
  await writeFile(join(scratch, 'elsewhere.json'), '{"weights": [[1,0,0],[0,1,0],[0,0,1],[1,1,1]]}');
  const cases: [string, string, RegExp][] = [
    ['tokenizer/tokenizer.json', '/dev/zero', /link to \/dev\/zero, outside the model folder/],
    ['latent_rgb.json', join(scratch, 'elsewhere.json'), /outside the model folder/],
    ['tokenizer/word_map.json', join(scratch, 'elsewhere.json'), /outside the model folder/],
  ];
  for (const [file, target, message] of cases) {
    const dir = await hostileCopy(async (d) => {
      await rm(join(d, file));
      await symlink(target, join(d, file));
    });
    await refused(dir, file, message);
  }
  // A link to a file inside the folder is fine.
  const inside = await hostileCopy(async (d) => {
    await rm(join(d, 'latent_rgb.json'));
    await cp(join(pocket, 'latent_rgb.json'), join(d, 'scheduler/rgb.json'));
    await symlink(join(d, 'scheduler/rgb.json'), join(d, 'latent_rgb.json'));
  });
  assert.deepEqual(await fileSource(inside).read('latent_rgb.json'), new Uint8Array(await readFile(join(pocket, 'latent_rgb.json'))));
});

test('special files are refused without blocking: a FIFO, a folder, a device node', async () => {
  const dir = await hostileCopy(async (d) => {
    await rm(join(d, 'tokenizer/tokenizer.json'));
    execFileSync('mkfifo', [join(d, 'tokenizer/tokenizer.json')]);
  });
  // Opening a FIFO for reading would wait for a writer forever; the test would time out.
  await refused(dir, 'tokenizer/tokenizer.json', /not a regular file/);
  const source = fileSource(dir);
  await assert.rejects(source.exists('tokenizer/tokenizer.json'), /not a regular file/);
  await assert.rejects(source.read('scheduler'), /not a regular file/);
  assert.equal(await source.exists('no/such/file.json'), false);
});

test('file sizes have limits: graphs and weights (limits.fileBytes), JSON and text (limits.jsonBytes), with the option named', async () => {
  assert.equal(DEFAULT_MODEL_LIMITS.fileBytes, 2 ** 32, 'above SD 1.5 fp32 UNet weights (3.44 GB)');
  assert.equal(DEFAULT_MODEL_LIMITS.jsonBytes, 16 * 2 ** 20);
  // A 20 MiB model_index.json (JSON with a long string) is refused at the default JSON limit.
  const big = await hostileCopy((d) => editIndex(d, (ours) => (ours['padding'] = 'x'.repeat(20 * 2 ** 20))));
  await refused(big, 'model_index.json', /is 20 MiB, more than 16 MiB.*raise limits\.jsonBytes/);
  // Raising the limit lets it through to the next check (here: the graphs, which this backend refuses to open).
  await assert.rejects(loadModelInNode(big, { backend: unreachable, limits: { jsonBytes: 32 * 2 ** 20 } }), /session was created/);
  // The pocket text encoder (1.6 MB) with a 1 MiB graph limit.
  await refused(pocket, 'text_encoder/model.onnx', /more than 1 MiB.*raise limits\.fileBytes/, { limits: { fileBytes: 2 ** 20 } });
  // A file that grows past the limit while read (the size checked up front is only a hint).
  const source = fileSource(pocket);
  await assert.rejects(source.read('unet/model.onnx', { maxBytes: 1000 }), (e: unknown) => e instanceof ModelLoadError && /limits\.fileBytes/.test(e.message));
  // Bad limits are the caller's error.
  for (const limits of [{ fileBytes: 0 }, { jsonBytes: -1 }, { textLength: 1.5 }, { nonsense: 3 }]) {
    await assert.rejects(loadModelInNode(pocket, { backend: unreachable, limits: limits as never }), InvalidOptionError);
  }
});

test('config values that could only exhaust memory are refused with their range', async () => {
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ text_max_length: 1e9 }, 'text_max_length', /at most 1024 \(raise limits\.textLength/],
    [{ sample_size: 1e9, image_size: 4e9 }, 'sample_size', /at most 512 \(raise limits\.latentSide/],
    [{ sample_size: 512, vae_scale_factor: 16, image_size: 8192 }, 'image_size', /at most 4096 \(raise limits\.imageSide/],
    [{ latent_channels: 1e9 }, 'latent_channels', /at most 64 \(raise limits\.latentChannels/],
    [{ vae_scale_factor: 2 ** 40 }, 'vae_scale_factor', /at most 4096/],
    [{ default_num_inference_steps: 1e9 }, 'default_num_inference_steps', /at most 1000/],
    [{ default_guidance_scale: 1e38 }, 'default_guidance_scale', /0…1000/],
    [{ text_max_length: -1 }, 'text_max_length', /positive integer/],
  ];
  for (const [values, key, message] of cases) {
    const dir = await hostileCopy((d) => editIndex(d, (ours) => Object.assign(ours, values)));
    await refused(dir, `model_index.json:latent_explorables.${key}`, message);
  }
  // Raising a limit accepts the value.
  const long = await hostileCopy((d) => editIndex(d, (ours) => (ours['text_max_length'] = 2048)));
  await assert.rejects(loadModelInNode(long, { backend: unreachable, limits: { textLength: 4096 } }), /session was created/);
  // num_train_timesteps lives in scheduler_config.json: refused by the scheduler's own range, at load.
  const steps = await hostileCopy(async (d) => {
    const path = join(d, 'scheduler/scheduler_config.json');
    await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), num_train_timesteps: 1e9 }));
  });
  await assert.rejects(loadModelInNode(steps, { backend: unreachable }), (e: unknown) => {
    assert.ok(e instanceof SchedulerConfigError, String(e));
    assert.equal(e.field, 'num_train_timesteps');
    assert.match(e.message, /^scheduler_config\.json: num_train_timesteps: must be in \[2, 100000\]/);
    return true;
  });
});

test('any scheduler_config.json error stops the load before a session exists, naming the file', async () => {
  const dir = await hostileCopy(async (d) => {
    const path = join(d, 'scheduler/scheduler_config.json');
    await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), beta_end: 7 }));
  });
  await assert.rejects(loadModelInNode(dir, { backend: unreachable }), /^SchedulerConfigError: scheduler_config\.json: beta_end: must be in \[0, 0\.999\], got 7$/);
});

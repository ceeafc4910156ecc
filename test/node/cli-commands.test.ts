/**
 * The CLI end to end on the bundled pocket model and the fixture SD 1.5 / SD-Turbo models
 * (tiny random weights, real export conventions): the real executable in a subprocess for generate, record, grid, help
 * and errors; in-process for the rest.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { readTrajectoryFile } from '../../src/pipeline/trajectory/node.js';
import { captureIo } from './cli-io.js';
import { decodePng } from './image-png-decode.js';
import { measureText } from '../../src/pipeline/image/text.js';

const root = process.cwd();
const SD15 = resolve(root, 'test/fixtures/models/sd15');
const TURBO = resolve(root, 'test/fixtures/models/sd-turbo-fp16');
const SMALL = ['--width', '64', '--height', '64'];
let dir = '';

function spawnCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lx-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CLI executable (subprocess)', () => {
  it('generate writes a PNG with the bundled pocket model by default, with plain-line progress', async () => {
    const out = join(dir, 'out.png');
    const result = spawnCli('generate', 'a sheep riding a motorcycle', '--seed', '42', '--guidance', '7.5', '--steps', '2', '--scheduler', 'ddim', '-o', out);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^wrote .*out\.png \(128×128, seed 42, 2 steps DDIMScheduler, guidance 7\.5\)\n$/);
    assert.match(result.stderr, /^loaded unet\/model\.onnx /m);
    assert.match(result.stderr, /^denoising 2\/2 t=\d+$/m);
    assert.ok(!result.stderr.includes('\r'), 'no bar when stderr is not a terminal');
    const png = decodePng(await readFile(out));
    assert.equal(png.width, 128);
    assert.equal(png.height, 128);
  });

  it('record writes a recording that replays every step', async () => {
    const out = join(dir, 'run.lxt');
    const result = spawnCli('record', 'a lighthouse', '--model', SD15, '--seed', '18446744073709551615', '--steps', '3', '--previews', '-q', ...SMALL, '-o', out);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '', 'quiet');
    const run = await readTrajectoryFile(out);
    assert.equal(run.header.seed, '18446744073709551615');
    assert.equal(run.header.prompt, 'a lighthouse');
    assert.equal(run.header.modelId, SD15);
    assert.equal(run.header.settings.scheduler.className, 'DDIMScheduler');
    assert.equal(run.steps.length, 3);
    assert.deepEqual(run.steps[2]!.latentOut.shape, [1, 4, 8, 8]);
    assert.notEqual(run.steps[0]!.noisePredUncond, null);
    assert.equal(run.previews.filter(Boolean).length, 3);
    assert.equal(run.previews[0]!.width, 8);
  });

  it('record stores a decoded picture per step by default on the pocket model, --no-decoded leaves them out, inspect says which', async () => {
    const withPictures = join(dir, 'pictures.lxt');
    const without = join(dir, 'no-pictures.lxt');
    const io = captureIo(root);
    assert.equal(await main(['record', 'a sheep', '--seed', '42', '--steps', '2', '-q', '-o', withPictures], io), 0, io.err());
    assert.match(io.out(), /2 steps, with decoded pictures, /);
    assert.equal(await main(['record', 'a sheep', '--seed', '42', '--steps', '2', '-q', '--no-decoded', '-o', without], io), 0, io.err());
    const [run, bare] = [await readTrajectoryFile(withPictures), await readTrajectoryFile(without)];
    assert.equal(run.header.version, 2);
    assert.deepEqual(run.decoded.map((image) => image && [image.width, image.height]), [[128, 128], [128, 128]]);
    assert.deepEqual(bare.decoded, [null, null]);
    // The stored picture is the VAE decode of that step's x̂₀: at the last step, within rounding of
    // `generate`'s PNG (the decode of x_0, which DDIM's last step makes nearly equal to x̂₀).
    const png = join(dir, 'same.png');
    assert.equal(await main(['generate', 'a sheep', '--seed', '42', '--steps', '2', '-q', '-o', png], io), 0, io.err());
    const final = decodePng(await readFile(png)).data;
    const meanDifference = run.decoded[1]!.data.reduce((sum, value, i) => sum + Math.abs(value - final[i]!), 0) / final.length;
    assert.ok(meanDifference < 1.5, `mean difference ${meanDifference}`);
    const first = run.decoded[0]!.data.reduce((sum, value, i) => sum + Math.abs(value - final[i]!), 0) / final.length;
    assert.ok(first > meanDifference, 'step 1 shows an earlier picture');
    const summary = captureIo(root);
    assert.equal(await main(['inspect', withPictures], summary), 0);
    assert.match(summary.out(), /decoded x̂₀: +2 of 2 steps, 128×128 PNG, /);
    assert.match(summary.out(), /format version 2 \(CRC-32 on every chunk, all verified\)/);
    const bareSummary = captureIo(root);
    assert.equal(await main(['inspect', without], bareSummary), 0);
    assert.match(bareSummary.out(), /decoded x̂₀: +none/);
    const both = captureIo(root);
    assert.equal(await main(['record', 'a sheep', '--decoded', '--no-decoded', '-o', join(dir, 'x.lxt')], both), 2);
    assert.match(both.err(), /--decoded and --no-decoded contradict/);
  });

  it('names the model in a recording as the user did, never by an absolute path of this machine', async () => {
    const bundled = join(dir, 'bundled.lxt');
    assert.equal(spawnCli('record', 'a sheep', '--steps', '1', '-q', '-o', bundled).status, 0);
    assert.equal((await readTrajectoryFile(bundled)).header.modelId, 'latent-explorables/pocket');
    const relative = join(dir, 'relative.lxt');
    const given = 'test/fixtures/models/sd15';
    assert.equal(spawnCli('record', 'a sheep', '--model', given, '--steps', '1', '-q', ...SMALL, '-o', relative).status, 0);
    assert.equal((await readTrajectoryFile(relative)).header.modelId, given);
  });

  it('grid writes one labelled PNG of seeds × guidance scales', async () => {
    const out = join(dir, 'grid.png');
    const result = spawnCli('grid', 'a sheep', '--model', SD15, '--guidance', '1,7.5', '--seeds', '1,2,3', '--steps', '1', ...SMALL, '-o', out);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /3 seeds × 2 guidance scales/);
    const png = decodePng(await readFile(out));
    assert.ok(png.width > 2 * 64 && png.height > 3 * 64, `${png.width}×${png.height}`);
  });

  it('prints help with exit 0, and bad input as one line with exit 2', () => {
    const help = spawnCli('grid', '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Exit codes:/);
    const bad = spawnCli('generate', 'x', '--seed', '-5');
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr.trimEnd().split('\n').length, 1, bad.stderr);
    assert.match(bad.stderr, /--seed/);
  });
});

describe('CLI commands in-process on fixture models', () => {
  it('is deterministic for a seed, and runs the fp16 SD-Turbo export without guidance', async () => {
    const runs = [];
    for (const name of ['a.png', 'b.png']) {
      const io = captureIo(dir);
      assert.equal(await main(['generate', 'x', '--model', SD15, '--seed', '7', '--steps', '2', '-q', ...SMALL, '-o', name], io), 0, io.err());
      runs.push(await readFile(join(dir, name)));
    }
    assert.deepEqual(runs[0], runs[1]);
    const io = captureIo(dir);
    assert.equal(await main(['generate', 'x', '--model', TURBO, '--seed', '7', '--steps', '1', '--guidance', '0', '-q', ...SMALL, '-o', 'turbo.png'], io), 0, io.err());
    assert.match(io.out(), /guidance 0\)/);
  });

  it('puts in each grid cell the image generate makes with that seed and scale', async () => {
    const io = captureIo(dir);
    const common = ['--model', SD15, '--steps', '2', '-q', ...SMALL];
    assert.equal(await main(['generate', 'a sheep', '--seed', '5', '--guidance', '3', ...common, '-o', 'single.png'], io), 0, io.err());
    assert.equal(await main(['grid', 'a sheep', '--seeds', '4,5', '--guidance', '1,3', ...common, '-o', 'cells.png'], io), 0, io.err());
    const single = decodePng(await readFile(join(dir, 'single.png')));
    const grid = decodePng(await readFile(join(dir, 'cells.png')));
    // The grid's layout (gap 6, text scale 2): row 1 (seed 5), column 1 (guidance 3).
    const gap = 6;
    const columnWidth = Math.max(64, measureText('guidance 1', 2).width);
    const left = gap + measureText('seed 4', 2).width + gap + (columnWidth + gap) + Math.floor((columnWidth - 64) / 2);
    const top = gap + measureText('', 2).height + gap + (64 + gap);
    for (let y = 0; y < 64; y += 1) {
      const row = grid.data.subarray(((top + y) * grid.width + left) * 4, ((top + y) * grid.width + left + 64) * 4);
      assert.deepEqual(row, single.data.subarray(y * 64 * 4, (y + 1) * 64 * 4), `row ${y}`);
    }
  });

  it('refuses a size that is not a multiple of the VAE factor, naming it', async () => {
    const io = captureIo(dir);
    assert.equal(await main(['generate', 'x', '--model', SD15, '--width', '60', '-q', '-o', 'x.png'], io), 2);
    assert.match(io.err(), /--width: 60 is not a multiple of the model's VAE factor 8/);
  });

  it('draws a redrawn bar on a terminal', async () => {
    const io = captureIo(dir, { tty: true });
    assert.equal(await main(['generate', 'x', '--model', SD15, '--steps', '2', ...SMALL, '-o', 'tty.png'], io), 0, io.err());
    assert.match(io.err(), /\rdenoising \[#{24}\] 2\/2 t=\d+\x1b\[K\n/);
  });

  it('exits 130 when interrupted mid-run, writing nothing', async () => {
    const controller = new AbortController();
    const io = captureIo(dir, { signal: controller.signal });
    const stderr = io.stderr.write;
    const interrupting = {
      ...io,
      stderr: { ...io.stderr, write: (text: string) => (text.startsWith('denoising 1/') && controller.abort(), stderr(text)) },
    };
    assert.equal(await main(['generate', 'x', '--model', SD15, '--steps', '5', ...SMALL, '-o', 'stopped.png'], interrupting), 130, io.err());
    await assert.rejects(readFile(join(dir, 'stopped.png')));
    assert.doesNotMatch(io.err(), /denoising 3\//);
  });

  it('names the missing file of an incomplete model folder (exit 2)', async () => {
    const broken = join(dir, 'no-unet');
    await cp(SD15, broken, { recursive: true });
    await rm(join(broken, 'unet/model.onnx'));
    const io = captureIo(dir);
    assert.equal(await main(['generate', 'x', '--model', broken, '-q', ...SMALL, '-o', 'never.png'], io), 2, io.err());
    assert.equal(io.err().trimEnd().split('\n').length, 1, io.err());
    assert.match(io.err(), /unet\/model\.onnx/);
  });
  it('loads --model from an http URL', async () => {
    // A static file server over the fixture folder, on a free port.
    const server: Server = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
      readFile(join(SD15, path)).then(
        (bytes) => response.writeHead(200, { 'content-length': bytes.length }).end(bytes),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as { port: number };
      const io = captureIo(dir);
      const status = await main(['generate', 'x', '--model', `http://127.0.0.1:${port}/`, '--steps', '1', ...SMALL, '-o', 'http.png'], io);
      assert.equal(status, 0, io.err());
      assert.match(io.err(), /^loaded unet\/model\.onnx \(/m);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('accepts an empty prompt, and says when a long prompt was truncated', async () => {
    const empty = captureIo(dir);
    assert.equal(await main(['generate', '', '--model', SD15, '--steps', '1', ...SMALL, '-o', 'empty.png'], empty), 0, empty.err());
    assert.doesNotMatch(empty.err(), /truncated/);
    const long = captureIo(dir);
    const prompt = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    assert.equal(await main(['generate', prompt, '--model', SD15, '--steps', '1', ...SMALL, '-o', 'long.png'], long), 0, long.err());
    assert.match(long.err(), /note: the prompt is longer than the tokenizer allows and was truncated/);
  });

  it('names the graph value of a model with a wrong input name or dtype (exit 2)', async () => {
    const cases = [
      { graph: 'unet/model.onnx', broken: 'unet-input-named-latent.onnx' },
      { graph: 'text_encoder/model.onnx', broken: 'text-encoder-float-ids.onnx' },
    ];
    for (const { graph, broken } of cases) {
      const folder = join(dir, broken);
      await cp(SD15, folder, { recursive: true });
      await cp(resolve(root, 'test/fixtures/models/broken', broken), join(folder, graph));
      const io = captureIo(dir);
      assert.equal(await main(['generate', 'x', '--model', folder, '-q', ...SMALL, '-o', 'never.png'], io), 2, io.err());
      assert.equal(io.err().trimEnd().split('\n').length, 1, io.err());
      assert.ok(io.err().includes(graph), io.err());
    }
  });

  it('reports an unreachable model folder as bad input', async () => {
    const io = captureIo(dir);
    assert.equal(await main(['generate', 'x', '--model', join(dir, 'nowhere'), '-q'], io), 2);
    assert.match(io.err(), /model_index\.json/);
  });
});

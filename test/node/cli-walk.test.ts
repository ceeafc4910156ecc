// The CLI's `walk` command on the SD 1.5 fixture (tiny random weights, SD 1.5's export
// conventions): the real executable writes the PNG strip and the recording; errors in-process.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { COMMAND_HELP } from '../../src/cli/help.js';
import { readTrajectoryFile } from '../../src/pipeline/trajectory/node.js';
import { measureText } from '../../src/pipeline/image/text.js';
import { captureIo } from './cli-io.js';
import { decodePng } from './image-png-decode.js';

const root = process.cwd();
const SD15 = resolve(root, 'test/fixtures/models/sd15');
const COMMON = ['--model', SD15, '--steps', '2', '--scheduler', 'ddim', '--guidance', '3', '--width', '64', '--height', '64', '-q'];
let dir = '';

function spawnCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lx-cli-walk-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('latent-explorables walk', () => {
  it('--help documents the command; the overview lists it', () => {
    const help = spawnCli('walk', '--help');
    assert.equal(help.status, 0);
    assert.equal(help.stdout, `${COMMAND_HELP.walk}\n`);
    assert.match(help.stdout, /--to-seed <n>[\s\S]*--to-prompt <text>[\s\S]*--frames <n>[\s\S]*--record <file>/);
    assert.match(spawnCli('--help').stdout, /^ {2}walk <prompt> /m);
  });

  it('writes a labelled strip whose end frames are the two seeds’ images, and a recording of every frame', async () => {
    const strip = join(dir, 'walk.png');
    const recording = join(dir, 'walk.lxt');
    const result = spawnCli('walk', 'a lighthouse', '--seed', '1', '--to-seed', '2', '--frames', '3', ...COMMON, '-o', strip, '--record', recording);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^wrote .*walk\.png \(3 frames from seed 1 to 2; 64×64, seed 1, 2 steps DDIMScheduler, guidance 3, \d+×\d+\)\nwrote .*walk\.lxt \(3 frames as recorded steps, /);
    for (const [seed, name] of [['1', 'one.png'], ['2', 'two.png']]) {
      const io = captureIo(dir);
      assert.equal(await main(['generate', 'a lighthouse', '--seed', seed!, ...COMMON, '-o', name!], io), 0, io.err());
    }
    const image = decodePng(await readFile(strip));
    const gap = 6;
    const column = Math.max(64, measureText('t=0.50', 2).width);
    const top = gap + measureText('', 2).height + gap;
    assert.equal(image.width, gap + 3 * (column + gap));
    const frameAt = (index: number) => {
      const left = gap + index * (column + gap) + Math.floor((column - 64) / 2);
      return Array.from({ length: 64 }, (_, y) => image.data.subarray(((top + y) * image.width + left) * 4, ((top + y) * image.width + left + 64) * 4));
    };
    for (const [index, name] of [[0, 'one.png'], [2, 'two.png']] as const) {
      const single = decodePng(await readFile(join(dir, name)));
      frameAt(index).forEach((row, y) => assert.deepEqual(row, single.data.subarray(y * 64 * 4, (y + 1) * 64 * 4), `frame ${index} row ${y}`));
    }
    assert.notDeepEqual(frameAt(1)[32], frameAt(0)[32], 'the middle frame is its own picture');
    const run = await readTrajectoryFile(recording);
    assert.equal(run.header.prompt, 'a lighthouse');
    assert.equal(run.header.seed, '1');
    assert.equal(run.header.settings.steps, 3, 'one recorded step per frame');
    assert.equal(run.steps.length, 3);
    assert.ok(run.decoded.every((picture) => picture?.width === 64 && picture.height === 64), 'each frame stored as its decoded picture');
    assert.ok(run.previews.every((preview) => preview === null), 'and no raw preview besides');
    const firstFrame = decodePng(await readFile(join(dir, 'one.png')));
    assert.deepEqual(new Uint8Array(run.decoded[0]!.data), new Uint8Array(firstFrame.data), 'lossless at the default 8 picture bits');
  });

  it('walks between prompts on one seed', async () => {
    const io = captureIo(dir);
    assert.equal(await main(['walk', 'a red car', '--to-prompt', 'a blue boat', '--seed', '5', '--frames', '2', ...COMMON, '-o', 'prompts.png'], io), 0, io.err());
    assert.match(io.out(), /2 frames from seed 5, between two prompts/);
  });

  it('refuses a walk that goes nowhere and bad options, naming them, before loading anything', async () => {
    const cases: [string[], RegExp][] = [
      [['walk', 'a cat', '--seed', '3', '-o', 'x.png'], /walk: both ends are the same; give --to-seed, --to-prompt or both/],
      [['walk', 'a cat', '--seed', '3', '--to-seed', '4', '--frames', '1', '-o', 'x.png'], /--frames: 1 is outside 2…64/],
      [['walk', 'a cat', '--seed', '3', '--to-seed', 'x', '-o', 'x.png'], /--to-seed: must be an integer/],
      [['walk', 'a cat', '--seed', '3', '--to-seed', '4', '--record', join(dir, 'missing', 'w.lxt'), '-o', 'x.png'], /--record: /],
      [['walk', 'a cat', '--to-seed', '4', '--dtype', 'int8', '-o', 'x.png'], /--dtype: "int8" is not float16 or float32/],
    ];
    for (const [args, message] of cases) {
      const io = captureIo(dir);
      assert.equal(await main([...args, '--model', join(dir, 'no-model-here')], io), 2, `${args.join(' ')}: ${io.err()}`);
      assert.match(io.err(), message);
    }
    assert.equal(existsSync(join(dir, 'x.png')), false);
  });
});

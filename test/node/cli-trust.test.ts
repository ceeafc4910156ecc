/**
 * The CLI at the trust boundary: errors before the first step are one line with the documented
 * exit code (2 for input, 130 for Ctrl-C), prompts are bounded before onnxruntime loads, outputs
 * are written whole or not at all (never through a symlink), and `inspect` neither blocks on
 * special files nor lets a recording's text drive the terminal. The real executable in a
 * subprocess where the process matters, `main` in-process elsewhere.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { writeOutput } from '../../src/cli/write-output.js';
import type { CliIo } from '../../src/cli/io.js';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import { encodeTrajectory } from '../../src/pipeline/trajectory/writer.js';
import { TRAJECTORY_MAGIC } from '../../src/pipeline/trajectory/format.js';
import { AbortError } from '../../src/errors.js';
import { captureIo } from './cli-io.js';
import { syntheticMetadata, syntheticSteps } from './trajectory-steps.js';
import { addFolder, hostileServer, type HostileServer } from './hostile-server.js';

const root = process.cwd();
const SD15 = resolve(root, 'test/fixtures/models/sd15');
let dir = '';

/** The CLI in a subprocess without blocking this one (whose servers must go on answering). */
async function runCli(args: string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/bin.ts'), ...args], { cwd: root });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return { status, stderr };
}

function spawnCli(args: string[], options: { cwd?: string } = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/bin.ts'), ...args], { cwd: options.cwd ?? root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Exactly one line on stderr, naming the command, with no stack trace or second report. */
function oneErrorLine(stderr: string, message: RegExp): void {
  const lines = stderr.split('\n').filter((line) => line.length > 0 && !line.startsWith('loaded '));
  assert.equal(lines.length, 1, `one error line, got:\n${stderr}`);
  assert.match(lines[0]!, /^latent-explorables \w+: /);
  assert.match(lines[0]!, message);
  assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lx-cli-trust-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CLI errors before the first step', () => {
  it('--steps 1000 on the bundled model is refused with the range its scheduler takes: one line, exit 2', () => {
    const result = spawnCli(['generate', 'a sheep', '--steps', '1000', '-o', join(dir, 'steps.png')]);
    assert.equal(result.status, 2, result.stderr);
    oneErrorLine(result.stderr, /steps: must be an integer in \[1, 999\] with this scheduler config, got 1000/);
    assert.equal(result.stdout, '');
  });

  it('--width the UNet cannot take, and a broken scheduler_config.json: one line, exit 2', async () => {
    const width = spawnCli(['generate', 'a sheep', '--width', '256', '-q', '-o', join(dir, 'width.png')]);
    assert.equal(width.status, 2, width.stderr);
    oneErrorLine(width.stderr, /width: this model's UNet only takes 128 pixels/);
    const model = join(dir, 'bad-scheduler');
    await cp(SD15, model, { recursive: true });
    const config = join(model, 'scheduler/scheduler_config.json');
    await writeFile(config, JSON.stringify({ ...JSON.parse(await readFile(config, 'utf8')), steps_offset: 5000 }));
    const broken = spawnCli(['generate', 'a sheep', '--model', model, '--steps', '2', '-q', '-o', join(dir, 'sched.png')]);
    assert.equal(broken.status, 2, broken.stderr);
    oneErrorLine(broken.stderr, /scheduler_config\.json: steps_offset: puts timestep \d+ outside the training range/);
  });

  it('Ctrl-C between loading and the first step ends with status 130 and one line, no unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const controller = new AbortController();
      // The real loader, with Ctrl-C pressed the moment the model has loaded.
      const loadModel: CliIo['loadModel'] = async (location, options) => {
        const model = await loadModelInNode(location, options);
        controller.abort();
        return model;
      };
      const io = { ...captureIo(root, { signal: controller.signal }), loadModel };
      const status = await main(['generate', 'a sheep', '--steps', '3', '-q', '-o', join(dir, 'ctrl-c.png')], io);
      await new Promise((resolveWait) => setTimeout(resolveWait, 50)); // let a stray rejection surface
      assert.equal(status, 130);
      oneErrorLine(io.err(), /aborted/);
      assert.deepEqual(rejections, []);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('a 29 KB prompt is refused before onnxruntime loads (it used to crash the process), with the limit', () => {
    const long = 'a'.repeat(29_000);
    const result = spawnCli(['generate', long, '-o', join(dir, 'long.png')]);
    assert.equal(result.signal, null, 'no crash');
    assert.equal(result.status, 2, result.stderr);
    oneErrorLine(result.stderr, /prompt: is 29000 characters long; at most 4096/);
    assert.doesNotMatch(result.stderr, /^loaded /m, 'nothing was loaded');
    const negative = spawnCli(['generate', 'a sheep', '--negative', '🙂'.repeat(5000), '-o', join(dir, 'long.png')]);
    assert.equal(negative.status, 2);
    oneErrorLine(negative.stderr, /--negative: is 5000 characters long/);
  });

  it('--guidance 1e38 reports the range instead of a NaN deep in the run', async () => {
    const io = captureIo(dir);
    assert.equal(await main(['generate', 'a sheep', '--guidance', '1e38', '-o', join(dir, 'g.png')], io), 2);
    oneErrorLine(io.err(), /--guidance: must be a number in 0…1000, got 1e\+38/);
  });
});

describe('CLI models by URL', () => {
  let server: HostileServer;
  before(async () => {
    server = await hostileServer();
    await addFolder(server.routes, 'assets/models/pocket', '/pocket/');
  });
  after(async () => server?.close());

  it('HTTP:// in upper case is a URL', async () => {
    const out = join(dir, 'by-url.png');
    const result = await runCli(['generate', 'a sheep', '--model', `${server.origin.replace('http', 'HTTP')}/pocket/`, '--steps', '2', '-q', '-o', out]);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(server.requests.includes('/pocket/unet/model.onnx'));
  });
});

describe('CLI outputs', () => {
  it('a missing, read-only or folder output is refused before the model loads: exit 2, naming --output', async () => {
    const missing = spawnCli(['generate', 'a sheep', '-o', join(dir, 'no-such-folder/out.png')]);
    assert.equal(missing.status, 2, missing.stderr);
    oneErrorLine(missing.stderr, /--output: .*no-such-folder\/out\.png: the folder .* cannot be used/);
    assert.doesNotMatch(missing.stderr, /^loaded /m, 'checked before loading');
    // As root, permissions do not stop writes: /sys takes no new files even then.
    const readOnly = process.getuid?.() === 0 ? '/sys' : join(dir, 'read-only');
    if (readOnly !== '/sys') {
      await mkdir(readOnly);
      await chmod(readOnly, 0o555);
    }
    const io = captureIo(dir);
    assert.equal(await main(['record', 'a sheep', '-o', join(readOnly, 'run.lxt')], io), 2);
    oneErrorLine(io.err(), /--output: .*run\.lxt: cannot write in/);
    const folder = captureIo(dir);
    assert.equal(await main(['generate', 'a sheep', '-o', dir], folder), 2);
    oneErrorLine(folder.err(), /is a folder; give a file name/);
  });

  it('an output path that is a symlink is replaced by the new file; the file it pointed to is left alone', async () => {
    const target = join(dir, 'precious.txt');
    await writeFile(target, 'keep me');
    const link = join(dir, 'linked.png');
    await symlink(target, link);
    const io = captureIo(dir);
    assert.equal(await main(['generate', 'a sheep', '--steps', '1', '-q', '-o', link], io), 0, io.err());
    assert.equal(await readFile(target, 'utf8'), 'keep me');
    assert.ok((await lstat(link)).isFile(), 'the link itself became the image');
    assert.deepEqual([...(await readFile(link)).subarray(1, 4)], [0x50, 0x4e, 0x47]);
  });

  it('a record whose write fails midway leaves the previous recording as it was and no partial file', async () => {
    const folder = join(dir, 'interrupted');
    await mkdir(folder);
    const out = join(folder, 'run.lxt');
    await writeFile(out, 'the previous recording');
    // A file size limit of 8 KiB makes the write fail partway (EFBIG), as a full disk would.
    const command = `ulimit -f 8; exec "${process.execPath}" --import tsx src/cli/bin.ts record "a sheep" --steps 3 -q -o "${out}"`;
    const result = spawnSync('bash', ['-c', command], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.status, 1, result.stderr);
    oneErrorLine(result.stderr, /run\.lxt: EFBIG/);
    assert.equal(await readFile(out, 'utf8'), 'the previous recording');
    assert.deepEqual(await readdir(folder), ['run.lxt']);
  });

  it('writeOutput replaces a file only when the new one is complete, and cleans up when stopped or failing', async () => {
    const folder = join(dir, 'atomic');
    await mkdir(folder);
    const out = join(folder, 'out.bin');
    await writeFile(out, 'old');
    await assert.rejects(writeOutput(out, new Uint8Array(10), AbortSignal.abort()), AbortError);
    assert.equal(await readFile(out, 'utf8'), 'old');
    await writeOutput(out, Uint8Array.of(1, 2, 3));
    assert.deepEqual([...(await readFile(out))], [1, 2, 3]);
    // Renaming onto a folder fails after the bytes are written: the partial file goes too.
    await mkdir(join(folder, 'taken'));
    await writeFile(join(folder, 'taken', 'x'), '');
    await assert.rejects(writeOutput(join(folder, 'taken'), Uint8Array.of(1)), /taken/);
    assert.deepEqual((await readdir(folder)).sort(), ['out.bin', 'taken']);
  });
});

describe('inspect and hostile recordings', () => {
  const hostileText = {
    prompt: 'a sheep\u001b]0;pwned\u0007\u001b[2J\u001b[31m',
    negativePrompt: 'blurry\u009b31m\u202eevil',
    modelId: 'pocket\r\nfake: line\u001b[A',
    createdAt: '2026-01-02\u0008\u0008\u0008',
  };

  it('prints a recording’s strings escaped, never raw control characters, in text and in --json', async () => {
    const file = join(dir, 'hostile.lxt');
    await writeFile(file, encodeTrajectory(syntheticMetadata(2, hostileText), syntheticSteps(2, [1, 4, 2, 2])));
    for (const json of [false, true]) {
      const io = captureIo(dir);
      assert.equal(await main(['inspect', file, ...(json ? ['--json'] : [])], io), 0, io.err());
      const out = io.out();
      // Only newlines may be raw: every other C0/C1 control, DEL and bidi override is escaped.
      assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u, json ? '--json' : 'text');
      assert.match(out, /\\u001b\]0;pwned/);
      if (json) assert.equal((JSON.parse(out) as { prompt: string }).prompt, hostileText.prompt, 'still valid JSON with the same strings');
      else assert.match(out, /^model: +pocket\\x0d\\x0afake: line\\x1b\[A$/m);
    }
  });

  it('refuses special files, oversized files and files without the signature before reading them whole', async () => {
    const fifo = join(dir, 'fifo.lxt');
    execFileSync('mkfifo', [fifo]);
    const cases: [string, RegExp][] = [
      ['/dev/zero', /not a regular file/],
      [fifo, /not a regular file/],
      [dir, /not a regular file/],
    ];
    // Sparse files: no disk, and reading one whole would take seconds and gigabytes.
    const unsigned = join(dir, 'unsigned.lxt');
    await writeFile(unsigned, 'not a recording');
    await truncate(unsigned, 1.5 * 2 ** 30);
    cases.push([unsigned, /does not start with the \.lxt signature/]);
    const huge = join(dir, 'huge.lxt');
    await writeFile(huge, TRAJECTORY_MAGIC);
    await truncate(huge, 3 * 2 ** 30);
    cases.push([huge, /is more than a recording can be/]);
    const rssBefore = process.memoryUsage().rss;
    for (const [file, message] of cases) {
      const io = captureIo(dir);
      assert.equal(await main(['inspect', file], io), 2, `${file}: ${io.err()}`);
      oneErrorLine(io.err(), message);
    }
    assert.ok(process.memoryUsage().rss - rssBefore < 256 * 2 ** 20, 'no file was read whole');
  });
});

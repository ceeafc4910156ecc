import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { LatentExplorablesError } from '../../errors.js';
import { TRAJECTORY_MAGIC } from '../../pipeline/trajectory/format.js';
import { TrajectoryFormatError } from '../../pipeline/trajectory/errors.js';
import type { Trajectory } from '../../pipeline/trajectory/reader.js';
import { readTrajectory } from '../../pipeline/trajectory/reader.js';
import { parseCommandLine, singlePositional } from '../arguments.js';
import { COMMAND_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { formatBytes } from '../progress.js';
import { jsonForTerminal, quotedForTerminal, textForTerminal } from '../terminal-text.js';

const INSPECT_OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** The human-readable summary `inspect` prints. */
export function summarizeTrajectory(run: Trajectory, fileBytes: number): string {
  const { header } = run;
  const latents = header.tensors.filter((t) => t.name !== 'preview' && t.name !== 'decoded');
  const dtypes = [...new Set(latents.map((t) => t.dtype))].join(', ') || 'none';
  const previews = run.previews.filter((preview) => preview !== null).length;
  const pictures = header.tensors.filter((t) => t.name === 'decoded');
  const pictureBytes = pictures.reduce((total, t) => total + t.byteLength, 0);
  const picturesLine = pictures.length
    ? `${pictures.length} of ${run.steps.length} steps, ${header.settings.width}×${header.settings.height} PNG, ${formatBytes(pictureBytes)} in all`
    : 'none (replays show latent previews only)';
  const shape = run.steps[0]?.latentIn.shape.join('×') ?? '–';
  const lines = [
    `prompt:          ${quotedForTerminal(header.prompt)}`,
    `negative prompt: ${quotedForTerminal(header.negativePrompt)}`,
    `seed:            ${textForTerminal(String(header.seed))}`,
    `model:           ${textForTerminal(header.modelId)}`,
    `created:         ${textForTerminal(header.createdAt)}`,
    `scheduler:       ${textForTerminal(header.settings.scheduler.className)}`,
    `steps:           ${run.steps.length} recorded of ${header.settings.steps}`,
    `guidance:        ${header.settings.guidanceScale}`,
    `size:            ${header.settings.width}×${header.settings.height} (latent ${shape})`,
    `tensors:         ${latents.length} (${dtypes}), ${previews} preview images`,
    `decoded x̂₀:      ${picturesLine}`,
    `unknown words:   ${header.promptWords ? [...header.promptWords.unknown.map((w) => quotedForTerminal(w)), ...header.promptWords.mapped.map((m) => `${quotedForTerminal(m.word)} → ${quotedForTerminal(m.replacement)}`)].join(', ') || 'none' : 'none recorded'}`,
    `preview colours: ${header.latentRgb ? `the model's latent→RGB factors (${header.latentRgb.weights.length} channels)` : 'not recorded (SD 1.x factors)'}`,
    `file:            ${formatBytes(fileBytes)}, format version ${header.version}${header.version >= 2 ? ' (CRC-32 on every chunk, all verified)' : ' (no checksums)'}`,
    '',
    ' step  timestep        sigma    alpha_bar',
    ...header.steps.map((s, i) => `${String(i).padStart(5)} ${s.timestep.toFixed(2).padStart(9)} ${s.sigma.toPrecision(6).padStart(12)} ${s.alphaCumprod.toPrecision(6).padStart(12)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Largest recording `inspect` reads (it holds the whole file to check every tensor). */
export const MAX_INSPECT_BYTES = 2 ** 31;

/**
 * Reads a recording for `inspect`: a regular file (never a device, FIFO or socket, which could
 * block or never end), at most `MAX_INSPECT_BYTES`, whose first bytes are the .lxt signature,
 * checked before the rest is read.
 */
async function readRecording(file: string, path: string): Promise<Uint8Array> {
  const failed = (cause: unknown) =>
    new LatentExplorablesError('read-failed', `${file}: ${(cause as Error).message}`, { field: file, cause });
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (cause) {
    throw failed(cause);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new LatentExplorablesError('read-failed', `${file}: not a regular file (a device, FIFO, socket or folder)`, { field: file });
    if (stats.size > MAX_INSPECT_BYTES) {
      throw new LatentExplorablesError('read-failed', `${file}: ${formatBytes(stats.size)} is more than a recording can be (${formatBytes(MAX_INSPECT_BYTES)})`, { field: file });
    }
    const signature = new Uint8Array(TRAJECTORY_MAGIC.length);
    const { bytesRead } = await handle.read(signature, 0, signature.length, 0);
    if (bytesRead < signature.length || !TRAJECTORY_MAGIC.every((byte, i) => signature[i] === byte)) {
      throw new TrajectoryFormatError('bad-magic', 'magic', 'the file does not start with the .lxt signature');
    }
    const bytes = new Uint8Array(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead: read } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return filled === bytes.length ? bytes : bytes.subarray(0, filled);
  } catch (cause) {
    if (cause instanceof LatentExplorablesError) throw cause;
    throw failed(cause);
  } finally {
    await handle.close();
  }
}

/** `inspect <file.lxt>`: print a recording's header, with every string made safe for a terminal. */
export async function inspectCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, INSPECT_OPTIONS);
  if (values.help) {
    io.stdout.write(`${COMMAND_HELP.inspect}\n`);
    return 0;
  }
  const file = singlePositional(positionals, 'recording', 'inspect run.lxt');
  const path = isAbsolute(file) ? file : resolve(io.cwd, file);
  const bytes = await readRecording(file, path);
  const run = readTrajectory(bytes);
  io.stdout.write(values.json ? `${jsonForTerminal(run.header)}\n` : summarizeTrajectory(run, bytes.length));
  return 0;
}

import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { LatentExplorablesError } from '../../errors.js';
import type { Trajectory } from '../../pipeline/trajectory/reader.js';
import { readTrajectory } from '../../pipeline/trajectory/reader.js';
import { parseCommandLine, singlePositional } from '../arguments.js';
import { COMMAND_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { formatBytes } from '../progress.js';

const INSPECT_OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** The human-readable summary `inspect` prints. */
export function summarizeTrajectory(run: Trajectory, fileBytes: number): string {
  const { header } = run;
  const dtypes = [...new Set(header.tensors.filter((t) => t.name !== 'preview').map((t) => t.dtype))].join(', ') || 'none';
  const previews = run.previews.filter((preview) => preview !== null).length;
  const shape = run.steps[0]?.latentIn.shape.join('×') ?? '–';
  const lines = [
    `prompt:          ${JSON.stringify(header.prompt)}`,
    `negative prompt: ${JSON.stringify(header.negativePrompt)}`,
    `seed:            ${header.seed}`,
    `model:           ${header.modelId}`,
    `created:         ${header.createdAt}`,
    `scheduler:       ${header.settings.scheduler.className}`,
    `steps:           ${run.steps.length} recorded of ${header.settings.steps}`,
    `guidance:        ${header.settings.guidanceScale}`,
    `size:            ${header.settings.width}×${header.settings.height} (latent ${shape})`,
    `tensors:         ${header.tensors.length - previews} (${dtypes}), ${previews} preview images`,
    `preview colours: ${header.latentRgb ? `the model's latent→RGB factors (${header.latentRgb.weights.length} channels)` : 'not recorded (SD 1.x factors)'}`,
    `file:            ${formatBytes(fileBytes)}, format version ${header.version}`,
    '',
    ' step  timestep        sigma    alpha_bar',
    ...header.steps.map((s, i) => `${String(i).padStart(5)} ${s.timestep.toFixed(2).padStart(9)} ${s.sigma.toPrecision(6).padStart(12)} ${s.alphaCumprod.toPrecision(6).padStart(12)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `inspect <file.lxt>`: print a recording's header. */
export async function inspectCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, INSPECT_OPTIONS);
  if (values.help) {
    io.stdout.write(`${COMMAND_HELP.inspect}\n`);
    return 0;
  }
  const file = singlePositional(positionals, 'recording', 'inspect run.lxt');
  const path = isAbsolute(file) ? file : resolve(io.cwd, file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new LatentExplorablesError('read-failed', `${file}: ${(cause as Error).message}`, { field: file, cause });
  }
  const run = readTrajectory(bytes);
  io.stdout.write(values.json ? `${JSON.stringify(run.header, null, 2)}\n` : summarizeTrajectory(run, bytes.length));
  return 0;
}

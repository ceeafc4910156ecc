import { isAbsolute, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { composeGrid } from '../../pipeline/image/grid.js';
import { scaleNearest } from '../../pipeline/image/resize.js';
import { solidImage, type RgbaImage } from '../../pipeline/image/rgba-image.js';
import { decodeLatent } from '../../pipeline/run/latent-images.js';
import { latentWalk } from '../../pipeline/run/latent-walk.js';
import { randomSeed } from '../../pipeline/math/seed.js';
import { encodeWalkRecording } from '../../pipeline/run/walk-recording.js';
import { RUN_OPTIONS, parseCommandLine, singlePositional, stringOption } from '../arguments.js';
import { COMMAND_HELP } from '../help.js';
import { UsageError, type CliIo } from '../io.js';
import { createProgress, formatBytes } from '../progress.js';
import { checkSize, describeRun, driveToEnd, loadModel, outputPath, readRunRequest } from '../run-common.js';
import { dtypeValue, promptValue, seedValue } from '../values.js';
import { checkOutputPath, writeOutput, writePng } from '../write-output.js';
import { parseInteger } from '../../text-numbers.js';

const WALK_OPTIONS = {
  ...RUN_OPTIONS,
  'to-prompt': { type: 'string' },
  'to-seed': { type: 'string' },
  frames: { type: 'string' },
  record: { type: 'string' },
  'picture-bits': { type: 'string' },
  dtype: { type: 'string' },
  scale: { type: 'string' },
} as const;

/** Most frames one walk draws (they are denoised side by side). */
export const MAX_CLI_FRAMES = 64;
/** Frames per row of the PNG strip; longer walks wrap. */
export const STRIP_COLUMNS = 16;

function integerOption(text: string | undefined, field: string, fallback: number, min: number, max: number): number {
  return text === undefined ? fallback : parseInteger(text, field, min, max);
}

/**
 * `walk <prompt>`: frames from (prompt, --seed) to (--to-prompt, --to-seed), the noise
 * interpolated on the arc between the seeds' draws and the text states on the line between the
 * prompts, denoised side by side; writes a labelled PNG strip and, with --record, a `.lxt`.
 */
export async function walkCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, WALK_OPTIONS);
  if (values.help) {
    io.stdout.write(`${COMMAND_HELP.walk}\n`);
    return 0;
  }
  const prompt = singlePositional(positionals, 'prompt', 'walk "a sheep riding a motorcycle" --seed 1 --to-seed 2');
  const request = readRunRequest(values, prompt);
  const seed = request.seed ?? randomSeed();
  const toPromptText = stringOption(values, 'to-prompt');
  const toSeedText = stringOption(values, 'to-seed');
  const to = {
    prompt: toPromptText === undefined ? request.prompt : promptValue(toPromptText, '--to-prompt'),
    seed: toSeedText === undefined ? seed : seedValue(toSeedText, '--to-seed'),
    frames: integerOption(stringOption(values, 'frames'), '--frames', 9, 2, MAX_CLI_FRAMES),
  };
  if (to.prompt === request.prompt && to.seed === seed) {
    throw new UsageError('--to-seed', 'both ends are the same; give --to-seed, --to-prompt or both');
  }
  const scale = integerOption(stringOption(values, 'scale'), '--scale', 1, 1, 16);
  const dtype = dtypeValue(stringOption(values, 'dtype'));
  const pictureBits = integerOption(stringOption(values, 'picture-bits'), '--picture-bits', 8, 1, 8);
  const path = await outputPath(io, values, 'walk.png');
  const recordText = stringOption(values, 'record');
  const recordPath = recordText === undefined ? undefined : isAbsolute(recordText) ? recordText : resolve(io.cwd, recordText);
  if (recordPath !== undefined) await checkOutputPath(recordPath, '--record');
  const quiet = values.quiet === true;
  const { model, id } = await loadModel(io, values);
  try {
    checkSize(request, model);
    const { seed: _nearSeed, prompt: _nearPrompt, ...shared } = request;
    const run = latentWalk(model, {
      ...shared,
      from: { prompt: request.prompt, seed },
      to: { prompt: to.prompt, seed: to.seed },
      frames: to.frames,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    const { info, last } = await driveToEnd(io, run, { quiet, label: `denoising ${to.frames} frames`, stepOf: (records) => records[0]! });
    const decoding = createProgress(io.stderr, 'decoding', last.length, quiet);
    const images: RgbaImage[] = [];
    for (const record of last) {
      images.push(await decodeLatent(model, record.latentOut));
      decoding.update(images.length);
    }
    decoding.finish();
    const labels = Array.from(info.positions, (t) => `t=${t.toFixed(2)}`);
    const rows = Math.ceil(images.length / STRIP_COLUMNS);
    const columns = Math.min(images.length, STRIP_COLUMNS);
    const scaled = images.map((image) => scaleNearest(image, scale));
    // Longer walks wrap; the last row is padded with blank (white) cells.
    const blank = solidImage(scaled[0]!.width, scaled[0]!.height, [255, 255, 255, 255]);
    const strip = composeGrid({
      cells: Array.from({ length: rows }, (_, row) => Array.from({ length: columns }, (_, column) => scaled[row * columns + column] ?? blank)),
      ...(rows === 1 ? { columnLabels: labels } : { rowLabels: Array.from({ length: rows }, (_, row) => labels[row * columns]!) }),
      gap: 6,
      textScale: 2,
    });
    await writePng(path, strip, io.signal);
    const what = `${to.frames} frames from ${to.seed === seed ? `seed ${seed}` : `seed ${seed} to ${to.seed}`}${to.prompt === request.prompt ? '' : ', between two prompts'}`;
    io.stdout.write(`wrote ${path} (${what}; ${describeRun(info)}, ${strip.width}×${strip.height})\n`);
    if (recordPath !== undefined) {
      const recordingInfo = {
        prompt: request.prompt,
        negativePrompt: request.negativePrompt,
        seed,
        to: { prompt: to.prompt, seed: to.seed },
        guidanceScale: info.guidanceScale,
        width: info.width,
        height: info.height,
        schedulerClass: info.schedulerClass,
        schedulerConfig: info.schedulerConfig,
        modelId: id,
      };
      const bytes = encodeWalkRecording(recordingInfo, last.map((record, i) => ({ last: record, image: images[i]! })), {
        dtype,
        latentRgb: model.latentRgb,
        pictureBits,
        // Frames are PNGs compressed with zlib: a 64×64 one is a few KiB.
        compress: (data) => deflateSync(data, { level: 9 }),
      });
      await writeOutput(recordPath, bytes, io.signal);
      io.stdout.write(`wrote ${recordPath} (${to.frames} frames as recorded steps, ${formatBytes(bytes.length)})\n`);
    }
    return 0;
  } finally {
    await model.dispose();
  }
}

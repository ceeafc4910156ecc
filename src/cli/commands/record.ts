import { deflateSync } from 'node:zlib';
import { UsageError } from '../io.js';
import { decodesStepsByDefault } from '../../pipeline/run/decode-steps.js';
import { latentToRgbPreview } from '../../pipeline/image/latent-preview.js';
import { TrajectoryRecorder } from '../../pipeline/trajectory/writer.js';
import { dtypeValue } from '../values.js';
import { RUN_OPTIONS, parseCommandLine, singlePositional, stringOption } from '../arguments.js';
import { COMMAND_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { GenerationInfo } from '../../pipeline/run/generate.js';
import { parseInteger } from '../../text-numbers.js';
import { promptWordsOf } from '../../pipeline/tokenizers/types.js';
import { formatBytes } from '../progress.js';
import { checkSize, describeRun, loadModel, outputPath, readRunRequest, runToEnd } from '../run-common.js';
import { writeOutput } from '../write-output.js';

const RECORD_OPTIONS = {
  ...RUN_OPTIONS,
  dtype: { type: 'string' },
  previews: { type: 'boolean' },
  decoded: { type: 'boolean' },
  'no-decoded': { type: 'boolean' },
  'decoded-final': { type: 'boolean' },
  'picture-bits': { type: 'string' },
} as const;

/** Whether to store decoded pictures: as asked, or by default for small images. */
function storeDecoded(values: Readonly<Record<string, unknown>>, width: number, height: number): boolean {
  if (values.decoded && values['no-decoded']) throw new UsageError('--decoded', '--decoded and --no-decoded contradict each other');
  if (values.decoded) return true;
  if (values['no-decoded']) return false;
  return decodesStepsByDefault(width, height);
}

/** The step without its decoded picture (the recorder stores a step's own `decodedImage`). */
function withoutPicture(step: StepRecord): StepRecord {
  const { decodedImage: _, ...rest } = step;
  return rest;
}

/** `record <prompt>`: run text-to-image and write every step as a recording (.lxt). */
export async function recordCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, RECORD_OPTIONS);
  if (values.help) {
    io.stdout.write(`${COMMAND_HELP.record}\n`);
    return 0;
  }
  const prompt = singlePositional(positionals, 'prompt', 'record "a sheep riding a motorcycle"');
  const request = readRunRequest(values, prompt);
  const dtype = dtypeValue(stringOption(values, 'dtype'));
  const bitsText = stringOption(values, 'picture-bits');
  const pictureBits = bitsText === undefined ? 8 : parseInteger(bitsText, '--picture-bits', 1, 8);
  const path = await outputPath(io, values, 'run.lxt');
  const { model, id } = await loadModel(io, values);
  try {
    checkSize(request, model);
    const decodeSteps = storeDecoded(values, request.width ?? model.config.imageSize, request.height ?? model.config.imageSize);
    if (values['decoded-final'] && !decodeSteps) throw new UsageError('--decoded-final', '--decoded-final keeps the last decoded picture, but no pictures are stored (--no-decoded)');
    // Encoded as the steps arrive, so only float16 bytes are kept, not every step's tensors.
    let recorder: TrajectoryRecorder | undefined;
    const record = (step: StepRecord, info: GenerationInfo): void => {
      recorder ??= new TrajectoryRecorder(
        {
          prompt: request.prompt,
          negativePrompt: request.negativePrompt,
          seed: info.seed,
          settings: { steps: info.steps, guidanceScale: info.guidanceScale, scheduler: { className: info.schedulerClass, config: info.schedulerConfig }, width: info.width, height: info.height },
          modelId: id,
          latentRgb: model.latentRgb,
          promptWords: promptWordsOf(info.promptTokens),
        },
        // Pictures are PNGs compressed with zlib: a 64×64 one is a few KiB.
        { dtype, pictureBits, compress: (bytes) => deflateSync(bytes, { level: 9 }) },
      );
      // --decoded-final: figures that show only the finished picture (comparison grids) need no others.
      const stored = values['decoded-final'] && step.index < step.totalSteps - 1 ? withoutPicture(step) : step;
      recorder.addStep(stored, values.previews ? latentToRgbPreview(step.latentOut, model.latentRgb) : undefined);
    };
    const { info } = await runToEnd(io, model, { ...request, decodeSteps }, { quiet: values.quiet === true, onStep: record });
    if (!recorder) throw new Error('the run produced no steps');
    const bytes = recorder.toBytes();
    await writeOutput(path, bytes, io.signal);
    const pictures = decodeSteps ? (values['decoded-final'] ? ', with the last decoded picture' : ', with decoded pictures') : '';
    io.stdout.write(`wrote ${path} (${recorder.stepCount} steps${pictures}, ${formatBytes(bytes.length)}; ${describeRun(info)})\n`);
    return 0;
  } finally {
    await model.dispose();
  }
}

import type { LatentRgbFactors } from '../image/latent-preview.js';
import { interpolationNorms, walkPositions } from '../math/slerp.js';
import { TorchGenerator } from '../math/torch-random.js';
import type { Trajectory } from '../trajectory/reader.js';
import type { RgbaImage } from '../image/rgba-image.js';
import type { StepRecord } from '../math/step-record.js';
import { encodeTrajectory, type TrajectoryMetadata, type TrajectoryWriteOptions } from '../trajectory/writer.js';

/** What a walk's recording says about it (a `LatentWalkInfo` has all of it). */
export interface WalkRecordingInfo {
  readonly prompt: string;
  readonly negativePrompt: string;
  readonly seed: bigint;
  readonly to: { readonly prompt: string; readonly seed: bigint };
  readonly guidanceScale: number;
  readonly width: number;
  readonly height: number;
  readonly schedulerClass: string;
  readonly schedulerConfig: Readonly<Record<string, unknown>>;
  readonly modelId: string;
}

/** The recording's prompt: the one prompt, or "from → to" for a walk between prompts. */
export function walkPromptLabel(from: string, to: string): string {
  return from === to ? from : `${from} → ${to}`;
}

/**
 * A walk as a recording (`.lxt`), written with the ordinary recording writer: one recorded
 * step per frame, holding that frame's last denoising step (its final latent, predictions and
 * x̂₀) and, when given, the decoded frame as the step's decoded picture (a PNG: compressed with
 * `options.compress`, `options.pictureBits` per channel). So `settings.steps` counts the
 * frames, and the player, `inspect` or `lx-latent-walk` replays the walk frame by frame
 * without a model. The header's seed is the near end's (the format has one seed).
 */
export function encodeWalkRecording(
  info: WalkRecordingInfo,
  frames: readonly { readonly last: StepRecord; readonly image?: RgbaImage | null }[],
  options: TrajectoryWriteOptions & { readonly latentRgb?: LatentRgbFactors } = {},
): Uint8Array<ArrayBuffer> {
  const metadata: TrajectoryMetadata = {
    ...(options.latentRgb ? { latentRgb: options.latentRgb } : {}),
    prompt: walkPromptLabel(info.prompt, info.to.prompt),
    negativePrompt: info.negativePrompt,
    seed: info.seed,
    settings: {
      steps: frames.length,
      guidanceScale: info.guidanceScale,
      scheduler: { className: info.schedulerClass, config: info.schedulerConfig },
      width: info.width,
      height: info.height,
    },
    modelId: info.modelId,
  };
  return encodeTrajectory(
    metadata,
    frames.map((frame) => frame.last),
    { ...options, decoded: frames.map((frame) => frame.image ?? undefined) },
  );
}

/** One frame of a recorded walk: its last denoising step (numbered as in the live walk) and its picture. */
export interface RecordedWalkFrame {
  readonly last: StepRecord;
  readonly image: RgbaImage | null;
}

/**
 * The frames of a walk recording (`encodeWalkRecording`), each step renumbered as the last of
 * `steps` denoising steps, as the live walk's frames end. Recordings made before pictures were
 * stored as decoded PNGs keep them as previews; those are read too.
 */
export function recordedWalkFrames(recording: Trajectory, steps: number): RecordedWalkFrame[] {
  return recording.steps.map((step, i) => ({
    last: { ...step, index: steps - 1, totalSteps: steps },
    image: recording.decoded[i] ?? recording.previews[i] ?? null,
  }));
}

/**
 * The length of the interpolated noise along a seed walk, straight line against arc, at
 * `points` positions: the noise is each seed's own draw, so this needs no model, only the
 * latent shape (a recorded step's).
 */
export function seedWalkNorms(
  from: bigint,
  to: bigint,
  latentShape: readonly number[],
  points = 41,
): { t: Float64Array; linear: Float64Array; spherical: Float64Array } {
  const t = walkPositions(points);
  return { t, ...interpolationNorms(new TorchGenerator(from).randn(latentShape), new TorchGenerator(to).randn(latentShape), t) };
}

import type { LatentRgbFactors } from '../image/latent-preview.js';
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
 * x̂₀) and, when given, the decoded frame as the step's preview. So `settings.steps` counts the
 * frames, and the player or `inspect` replays the walk frame by frame without a model. The
 * header's seed is the near end's (the format has one seed).
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
    { ...(options.dtype ? { dtype: options.dtype } : {}), previews: frames.map((frame) => frame.image ?? undefined) },
  );
}

/** Recorded runs (`.lxt`): write while generating, read anywhere, replay without a model. */
export { TrajectoryFormatError, type TrajectoryFormatProblem } from './errors.js';
export {
  TRAJECTORY_FORMAT_VERSION,
  TRAJECTORY_MAGIC,
  type RecordedLatentRgb,
  type StepScalars,
  type TensorTableEntry,
  type TrajectoryHeader,
  type TrajectorySettings,
} from './format.js';
export { fromFloat16Bits, toFloat16Bits, encodeFloat16Array, decodeFloat16Array } from '../math/float16.js';
export { TrajectoryRecorder, encodeTrajectory, type TrajectoryMetadata, type TrajectoryWriteOptions } from './writer.js';
export { readTrajectory, type Trajectory } from './reader.js';
export { readTrajectoryBlob, fetchTrajectory } from './load.js';
export { replayTrajectory, type ReplayOptions } from './replay.js';
export { previewRecordedLatent } from './preview.js';

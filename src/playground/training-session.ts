import { LatentExplorablesError } from '../errors.js';
import type { Dataset } from './datasets.js';
import { noiseField } from './noise-field.js';
import { createNoisePredictor } from './predict-noise.js';
import type { FieldRequest, PlaygroundRequest, PlaygroundResponse, SampleRequest, TrainingSettings, DatasetMessage } from './protocol.js';
import { chamferDistance } from './metrics.js';
import { finalFrame, sampleTrajectory } from './sampler.js';
import { playgroundScheduler } from './schedule.js';
import { createTrainer, trainStep, type Trainer } from './trainer.js';
import { sessionTrainerOptions } from './playground-defaults.js';
import { errorMessage } from './worker-errors.js';

/**
 * The worker's state machine, free of worker globals so Node tests drive it directly: it owns
 * the data, the model and the optimiser, trains in short time slices while running (yielding
 * between slices so pause and sample requests get through), and answers through `post`.
 */

/** What the session needs from its host (the worker, or a test). */
export interface SessionHost {
  post(message: PlaygroundResponse, transfer: Transferable[]): void;
  /** Calls `task` soon, after pending messages (the worker uses setTimeout 0). */
  schedule(task: () => void): void;
  now(): number;
}

/** How long one training slice runs before yielding, and how often progress is posted. */
const sliceMilliseconds = 25;
const progressMilliseconds = 100;
/** Chamfer distance is O(n·m): score at most this many samples. */
const scoredSamples = 600;

/** A training session: send it requests with `handle`. */
export class TrainingSession {
  private data: Dataset | null = null;
  private heldOut: Float32Array = new Float32Array(0);
  private heldOutByClass: readonly Float32Array[] = [];
  private settings: TrainingSettings | null = null;
  private trainer: Trainer | null = null;
  private running = false;
  private loopScheduled = false;
  private lossSum = 0;
  private lossCount = 0;
  private lastProgressTime = 0;
  private lastProgressStep = 0;
  private stepsPerSecond = 0;
  private readonly schedule = playgroundScheduler('ddpm');

  constructor(private readonly host: SessionHost) {}

  /** Handles one request; failures are posted as `error` messages, never thrown. */
  handle(request: PlaygroundRequest): void {
    try {
      this.dispatch(request);
    } catch (error) {
      this.running = false;
      const id = 'id' in request ? request.id : null;
      this.host.post(errorMessage(error, id), []);
    }
  }

  private dispatch(request: PlaygroundRequest): void {
    switch (request.type) {
      case 'configure':
        return this.configure(request.data, request.settings);
      case 'start':
        return this.start();
      case 'pause':
        this.running = false;
        return this.postProgress();
      case 'reset':
        this.running = false;
        this.trainer = this.settings && this.data ? this.newTrainer(this.settings, this.data) : null;
        return this.postProgress();
      case 'sample':
        return this.sample(request.id, request.request);
      case 'field':
        return this.field(request.id, request.request);
    }
  }

  private configure(data: DatasetMessage, settings: TrainingSettings): void {
    this.running = false;
    this.data = { points: data.points, labels: data.labels, classNames: data.classNames, shapes: [] };
    this.heldOut = data.heldOut;
    this.heldOutByClass = data.heldOutByClass;
    this.settings = settings;
    this.trainer = this.newTrainer(settings, this.data);
    this.postProgress();
  }

  private newTrainer(settings: TrainingSettings, data: Dataset): Trainer {
    this.lossSum = 0;
    this.lossCount = 0;
    this.stepsPerSecond = 0;
    this.lastProgressStep = 0;
    return createTrainer(sessionTrainerOptions(settings, data.classNames.length));
  }

  private requireTrainer(): Trainer {
    if (!this.trainer) throw new LatentExplorablesError('not-configured', 'The playground has no data set yet.', { field: 'preset' });
    return this.trainer;
  }

  private start(): void {
    const trainer = this.requireTrainer();
    if (trainer.step >= this.settings!.maxSteps) return this.postProgress();
    this.running = true;
    this.lastProgressTime = this.host.now();
    this.lastProgressStep = trainer.step;
    this.postProgress();
    this.scheduleLoop();
  }

  private scheduleLoop(): void {
    if (this.loopScheduled) return;
    this.loopScheduled = true;
    this.host.schedule(() => {
      this.loopScheduled = false;
      if (this.running) this.runSlice();
    });
  }

  /** Trains for one slice, posts progress when due, and schedules the next slice. */
  private runSlice(): void {
    const trainer = this.trainer!;
    const maxSteps = this.settings!.maxSteps;
    const sliceEnd = this.host.now() + sliceMilliseconds;
    do {
      this.lossSum += trainStep(trainer, this.data!, this.schedule.alphasCumprod);
      this.lossCount += 1;
    } while (this.host.now() < sliceEnd && trainer.step < maxSteps);
    const finished = trainer.step >= maxSteps;
    if (finished) this.running = false;
    if (finished || this.host.now() - this.lastProgressTime >= progressMilliseconds) this.postProgress();
    if (this.running) this.scheduleLoop();
  }

  private postProgress(): void {
    const now = this.host.now();
    const step = this.trainer?.step ?? 0;
    const elapsed = now - this.lastProgressTime;
    if (elapsed > 0 && step > this.lastProgressStep) this.stepsPerSecond = ((step - this.lastProgressStep) * 1000) / elapsed;
    if (!this.running) this.stepsPerSecond = step > this.lastProgressStep ? this.stepsPerSecond : 0;
    const loss = this.lossCount > 0 ? this.lossSum / this.lossCount : NaN;
    this.host.post(
      { type: 'progress', step, loss, stepsPerSecond: this.stepsPerSecond, running: this.running, finished: step >= (this.settings?.maxSteps ?? Infinity) },
      [],
    );
    this.lossSum = 0;
    this.lossCount = 0;
    this.lastProgressTime = now;
    this.lastProgressStep = step;
  }

  private sample(id: number, request: SampleRequest): void {
    const trainer = this.requireTrainer();
    const trajectory = sampleTrajectory(createNoisePredictor(trainer.averaged), playgroundScheduler(request.sampler), request);
    const classReference = request.label === null ? undefined : this.heldOutByClass[request.label];
    const reference = classReference ?? this.heldOut;
    const chamfer = chamferDistance(finalFrame(trajectory).subarray(0, scoredSamples * 2), reference.subarray(0, scoredSamples * 2));
    const { frames, timesteps, count } = trajectory;
    this.host.post({ type: 'sampled', id, trajectory: frames, timesteps, count, trainingStep: trainer.step, chamfer }, [frames.buffer]);
  }

  private field(id: number, request: FieldRequest): void {
    const trainer = this.requireTrainer();
    const { points, noise } = noiseField(createNoisePredictor(trainer.averaged), request);
    this.host.post({ type: 'field', id, points, noise }, [points.buffer, noise.buffer]);
  }
}

import type { LitElement, ReactiveController } from 'lit';
import { drawnMessage, presetMessage } from '../../playground/dataset-message.js';
import type { Dataset } from '../../playground/datasets.js';
import { defaultMlpConfig } from '../../playground/mlp-layout.js';
import { playgroundDefaults } from '../../playground/playground-defaults.js';
import type { FieldMessage, ProgressMessage, SampledMessage, SampleRequest } from '../../playground/protocol.js';
import { TrainingClient } from '../../playground/training-client.js';
import { emit } from '../shared/events.js';
import { appendLoss, emptyLossHistory, type LossHistory } from './loss-history.js';
import { planeExtent } from './plane-scales.js';
import type { PlaygroundSettings } from './playground-settings.js';

/** Detail of `lx-progress`: training progress. */
export interface PlaygroundProgressDetail {
  readonly phase: 'training';
  readonly loaded: number;
  readonly total: number;
  readonly step: number;
  readonly loss: number;
  readonly stepsPerSecond: number;
}

/** Samples redrawn while training runs: fewer points and steps than a full sampling run. */
const live = { count: 300, steps: 20, everyMs: 1500 };
/** Grid size of the noise field. */
export const fieldGrid = 21;

/** What the controller asks its element for at the moment it needs it. */
export interface TrainingControllerOptions {
  /** The validated settings (undefined while an attribute is invalid). */
  settings(): PlaygroundSettings | undefined;
  /** The class to sample, checked (throws a typed error when out of range). */
  label(): number;
  /** Whether the noise field is shown (then it is refreshed with live samples). */
  showField(): boolean;
  /** Shows a failure in the element (and emits `lx-error`). */
  fail(error: Error): void;
  /** A live sample arrived while training: the element shows its last frame, without replay. */
  liveRun(run: SampledMessage): void;
}

/**
 * Training and sampling for the playground: owns the training worker's client for as long as
 * the element is connected, the data set sent to it, training progress and loss history, live
 * samples while training runs, sampling runs and the noise field. The element keeps rendering,
 * input and the replay of a run. Changes reach the element as `requestUpdate(name, old)` with
 * the names `progress`, `losses`, `run` and `field`, so its `updated` sees what changed.
 */
export class PlaygroundTrainingController implements ReactiveController {
  dataset: Dataset | undefined;
  progress: ProgressMessage | undefined;
  run: SampledMessage | undefined;
  field: FieldMessage | undefined;
  losses: LossHistory = emptyLossHistory;
  #client: TrainingClient | undefined;
  #lastLive = 0;
  #busy = false;
  #progressShown = 0;
  /** Every loss received; `losses` (what is drawn) catches up with it when progress is shown. */
  #lossLog: LossHistory = emptyLossHistory;

  constructor(
    private readonly host: LitElement,
    private readonly options: TrainingControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    try {
      this.#client = new TrainingClient({ onProgress: (p) => this.#onProgress(p), onError: (e) => this.options.fail(e) });
    } catch (error) {
      this.options.fail(error as Error); // the browser refused the worker: say so instead of an uncaught error
    }
  }

  hostDisconnected(): void {
    this.#client?.terminate();
    this.#client = undefined;
  }

  /** Whether the worker is there (between connect and disconnect). */
  get connected(): boolean {
    return this.#client !== undefined;
  }

  /** Sets a state field and tells the element which one changed. */
  #set<K extends 'progress' | 'losses' | 'run' | 'field'>(name: K, value: this[K]): void {
    const old = this[name];
    this[name] = value;
    this.host.requestUpdate(name, old);
  }

  /** Sends the data set of `settings` (or the drawn `points`) to the worker with a fresh network. */
  configure(points: Float32Array): void {
    const settings = this.options.settings();
    if (!settings || !this.#client) return;
    try {
      const source = settings.preset === 'draw' ? (points.length ? drawnMessage(points) : undefined) : presetMessage(settings.preset, playgroundDefaults.datasetSize, settings.seed);
      this.dataset = source?.dataset;
      this.#lossLog = emptyLossHistory;
      this.#set('losses', emptyLossHistory);
      this.#set('run', undefined);
      this.#set('field', undefined);
      this.#set('progress', undefined);
      if (!source) return;
      this.#client.configure(source.message, {
        seed: settings.seed,
        batchSize: settings.batchSize,
        learningRate: settings.learningRate,
        labelDropout: playgroundDefaults.labelDropout,
        maxSteps: settings.maxSteps,
        model: defaultMlpConfig,
      });
    } catch (error) {
      this.options.fail(error as Error);
    }
  }

  start(): void {
    if (this.dataset) this.#client?.start();
  }

  pause(): void {
    this.#client?.pause();
  }

  reset(): void {
    this.#client?.reset();
    this.#lossLog = emptyLossHistory;
    this.#set('losses', emptyLossHistory);
    this.#set('run', undefined);
    this.#set('field', undefined);
  }

  /** A sampling request for the current settings (`count` and `steps` overridable for live runs). */
  #request(settings: PlaygroundSettings, overrides: Partial<SampleRequest> = {}): SampleRequest {
    const labelled = (this.dataset?.classNames.length ?? 0) > 0;
    return {
      count: settings.sampleCount,
      steps: settings.steps,
      sampler: settings.sampler,
      seed: settings.seed,
      label: labelled ? this.options.label() : null,
      guidance: labelled ? settings.guidance : 1,
      guidanceMinNoise: settings.guidanceMinNoise,
      ...overrides,
    };
  }

  /** Samples from the model as it is now (the element replays the run). */
  async sample(): Promise<SampledMessage | undefined> {
    const settings = this.options.settings();
    if (!settings || !this.#client || !this.dataset) return undefined;
    try {
      return await this.#client.sample(this.#request(settings));
    } catch (error) {
      this.options.fail(error as Error);
      return undefined;
    }
  }

  /** Shows a run (the element's replay sets it frame by frame). */
  show(run: SampledMessage): void {
    this.#set('run', run);
  }

  /** Asks the worker for the noise field at the current timestep. */
  async updateField(): Promise<void> {
    const settings = this.options.settings();
    if (!this.#client || !settings || !this.dataset) return;
    const labelled = this.dataset.classNames.length > 0;
    try {
      this.#set('field', await this.#client.field({ timestep: settings.timestep, label: labelled ? this.options.label() : null, size: fieldGrid, extent: planeExtent * 0.9 }));
    } catch (error) {
      this.options.fail(error as Error);
    }
  }

  #onProgress(progress: ProgressMessage): void {
    const wasFinished = this.progress?.finished ?? false;
    this.#lossLog = appendLoss(this.#lossLog, progress.step, progress.loss);
    // Progress comes ten times a second; re-render at most four times a second unless
    // training started, stopped or finished.
    const now = performance.now();
    const flagsChanged = progress.running !== this.progress?.running || progress.finished !== wasFinished;
    if (flagsChanged || now - this.#progressShown >= 250) {
      this.#progressShown = now;
      this.#set('progress', progress);
      this.#set('losses', this.#lossLog);
    }
    emit<PlaygroundProgressDetail>(this.host, 'lx-progress', {
      phase: 'training',
      loaded: progress.step,
      total: this.options.settings()?.maxSteps ?? 0,
      step: progress.step,
      loss: progress.loss,
      stepsPerSecond: progress.stepsPerSecond,
    });
    if (progress.finished && !wasFinished) emit(this.host, 'lx-complete', { kind: 'training', step: progress.step });
    if (progress.running && performance.now() - this.#lastLive > live.everyMs) void this.#liveUpdate();
  }

  /** While training: a quick sample (and field) of the model as it is, drawn without replay. */
  async #liveUpdate(): Promise<void> {
    const settings = this.options.settings();
    if (this.#busy || !this.#client || !settings || !this.dataset) return;
    this.#busy = true;
    this.#lastLive = performance.now();
    try {
      const run = await this.#client.sample(this.#request(settings, { count: live.count, steps: live.steps, sampler: 'ddim' }));
      this.#set('run', run);
      this.options.liveRun(run);
      if (this.options.showField()) await this.updateField();
    } catch (error) {
      this.options.fail(error as Error);
    } finally {
      this.#busy = false;
    }
  }
}

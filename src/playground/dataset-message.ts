import { datasetFromPoints, samplePreset, type Dataset, type PresetName } from './datasets.js';
import type { DatasetMessage } from './protocol.js';

/**
 * What the page sends the worker for a preset or for drawn points: training points plus
 * held-out points from the same source to score samples against.
 */

/** Training and held-out points of a preset, both seeded (held-out from a different seed). */
export function presetMessage(preset: PresetName, count: number, seed: number): { dataset: Dataset; message: DatasetMessage } {
  const dataset = samplePreset(preset, count, seed);
  const heldOut = samplePreset(preset, Math.min(count, 600), seed + 1);
  return { dataset, message: toMessage(dataset, heldOut) };
}

/** Drawn points: there is no second draw, so they are their own reference. */
export function drawnMessage(points: Float32Array): { dataset: Dataset; message: DatasetMessage } {
  const dataset = datasetFromPoints(points);
  return { dataset, message: toMessage(dataset, dataset) };
}

function toMessage(dataset: Dataset, heldOut: Dataset): DatasetMessage {
  return {
    // Copies, so transferring or editing on either side never detaches the other's arrays.
    points: dataset.points.slice(),
    labels: dataset.labels?.slice() ?? null,
    classNames: [...dataset.classNames],
    heldOut: heldOut.points.slice(),
    heldOutByClass: dataset.classNames.map((_, label) => pointsOfClass(heldOut, label)),
  };
}

/** The points carrying one label. */
export function pointsOfClass(dataset: Dataset, label: number): Float32Array {
  if (!dataset.labels) return dataset.points;
  const out: number[] = [];
  dataset.labels.forEach((value, index) => {
    if (value === label) out.push(dataset.points[2 * index]!, dataset.points[2 * index + 1]!);
  });
  return Float32Array.from(out);
}

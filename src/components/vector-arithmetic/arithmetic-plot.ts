import type { Solution } from '../../explorers/analogy.js';
import type { EmbeddingTable } from '../../explorers/table/embedding-table.js';
import { fitPca } from '../../explorers/projection/pca.js';
import { projectPoint } from '../../explorers/projection/linear-map.js';

/** A labelled point of the arithmetic picture. */
export interface PlotPoint {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly kind: 'input' | 'answer' | 'result';
}

/** What the plot draws: words, the exact result point, and the path of the sum. */
export interface ArithmeticPlot {
  readonly points: readonly PlotPoint[];
  /** Cumulative sums w₁v₁, w₁v₁ + w₂v₂, … projected: each segment is one term of the expression. */
  readonly path: readonly (readonly [number, number])[];
  /** Share of variance the two PCA axes keep. */
  readonly explained: readonly [number, number];
}

/**
 * Projects a solution with PCA fitted to its own words and answers. PCA is linear, so every
 * segment of the path is exactly that term's displacement and the path ends exactly on the
 * projected result vector.
 */
export function arithmeticPlot(table: EmbeddingTable, solution: Solution, answers = 3): ArithmeticPlot | undefined {
  const shown = solution.answers.slice(0, answers);
  const rows = [...solution.terms.map((t) => t.index), ...shown.map((a) => a.index)];
  const units = new Float32Array(rows.length * table.dimensions);
  rows.forEach((row, i) => units.set(table.unit(row), i * table.dimensions));
  if (rows.length < 2) return undefined; // one word and no answers: nothing to lay out
  const pca = fitPca(units, table.dimensions);
  const at = (vector: ArrayLike<number>) => projectPoint(pca, vector);
  const sum = new Float64Array(table.dimensions);
  const path: [number, number][] = [];
  for (const term of solution.terms) {
    const row = table.unit(term.index);
    for (let i = 0; i < sum.length; i++) sum[i]! += term.weight * row[i]!;
    path.push(at(sum));
  }
  const point = (label: string, vector: ArrayLike<number>, kind: PlotPoint['kind']): PlotPoint => {
    const [x, y] = at(vector);
    return { label, x, y, kind };
  };
  return {
    points: [
      ...solution.terms.map((t) => point(t.label, table.unit(t.index), 'input')),
      ...shown.map((a) => point(a.label, table.unit(a.index), 'answer')),
      point('result', solution.vector, 'result'),
    ],
    path,
    explained: pca.explained,
  };
}

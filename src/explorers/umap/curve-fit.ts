/**
 * The curve UMAP draws "nearness" with on the page, 1 / (1 + a·d^(2b)), fitted by least squares
 * (Levenberg–Marquardt) to the target the reader chooses with min-dist: 1 up to min-dist, then
 * exp(−(d − min-dist) / spread), sampled at 300 points on [0, 3·spread] as the reference does.
 */
import type { LayoutCurve } from './optimise-layout.js';

const SAMPLES = 300;
const ITERATIONS = 200;

/** a and b for a min-dist and spread. */
export function fitCurve(minDist: number, spread: number): LayoutCurve {
  const xs = Float64Array.from({ length: SAMPLES }, (_, i) => (3 * spread * i) / (SAMPLES - 1));
  const ys = xs.map((x) => (x < minDist ? 1 : Math.exp(-(x - minDist) / spread)));
  const error = (a: number, b: number) => {
    let sum = 0;
    for (let i = 0; i < SAMPLES; i++) sum += (1 / (1 + a * xs[i]! ** (2 * b)) - ys[i]!) ** 2;
    return sum;
  };
  let [a, b] = [1, 1];
  let current = error(a, b);
  let damping = 1e-3;
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    // Normal equations of the linearised residuals: (JᵀJ + λ·diag JᵀJ) δ = −Jᵀr.
    let [jaa, jab, jbb, ra, rb] = [0, 0, 0, 0, 0];
    for (let i = 0; i < SAMPLES; i++) {
      const x = xs[i]!;
      const u = x > 0 ? x ** (2 * b) : 0;
      const f = 1 / (1 + a * u);
      const da = -u * f * f;
      const db = x > 0 ? -a * u * 2 * Math.log(x) * f * f : 0;
      const r = f - ys[i]!;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ra += da * r;
      rb += db * r;
    }
    const [maa, mbb] = [jaa * (1 + damping), jbb * (1 + damping)];
    const det = maa * mbb - jab * jab;
    if (!(Math.abs(det) > 0)) break;
    const stepA = (-ra * mbb + rb * jab) / det;
    const stepB = (-rb * maa + ra * jab) / det;
    const [nextA, nextB] = [a + stepA, b + stepB];
    const next = nextA > 0 && nextB > 0 ? error(nextA, nextB) : Infinity;
    if (next < current) {
      const converged = current - next < 1e-12 * (1 + current);
      [a, b, current] = [nextA, nextB, next];
      damping = Math.max(damping / 10, 1e-9);
      if (converged) break;
    } else {
      damping *= 10;
      if (damping > 1e12) break;
    }
  }
  return { a, b };
}

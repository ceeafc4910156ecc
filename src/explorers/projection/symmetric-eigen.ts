/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: exact to
 * machine precision and simple, which is what PCA of ≤ a few hundred dimensions needs.
 */

/** Eigenvalues (descending) and matching unit eigenvectors (row i of `vectors` is vector i). */
export interface Eigen {
  readonly values: Float64Array;
  readonly vectors: Float64Array[];
}

/** Decomposes the `n × n` symmetric matrix `matrix` (row-major; not modified). */
export function symmetricEigen(matrix: Float64Array, n: number, maxSweeps = 60): Eigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  // Convergence is judged relative to the matrix's size (‖A‖ is kept by rotations), so tiny
  // and huge matrices stop at the same precision instead of too early or never.
  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i]! ** 2;
  const negligible = 1e-15 * Math.sqrt(total) / Math.max(1, n);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off <= 1e-26 * total) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) <= negligible) continue;
        // Rotation angle that zeroes a[p][q] (Golub & Van Loan, §8.5).
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(a, v, n, p, q, c, s);
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]!);
  return {
    values: Float64Array.from(order, (i) => a[i * n + i]!),
    vectors: order.map((i) => Float64Array.from({ length: n }, (_, row) => v[row * n + i]!)),
  };
}

function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p]!;
    const akq = a[k * n + q]!;
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k]!;
    const aqk = a[q * n + k]!;
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p]!;
    const vkq = v[k * n + q]!;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

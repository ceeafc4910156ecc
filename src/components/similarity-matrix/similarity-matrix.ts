import { LxSimilarityMatrix } from './similarity-matrix.component.js';

export { LxSimilarityMatrix };

customElements.get('lx-similarity-matrix') ?? customElements.define('lx-similarity-matrix', LxSimilarityMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'lx-similarity-matrix': LxSimilarityMatrix;
  }
}

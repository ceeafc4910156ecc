import { LxVectorArithmetic } from './vector-arithmetic.component.js';

export { LxVectorArithmetic };

customElements.get('lx-vector-arithmetic') ?? customElements.define('lx-vector-arithmetic', LxVectorArithmetic);

declare global {
  interface HTMLElementTagNameMap {
    'lx-vector-arithmetic': LxVectorArithmetic;
  }
}

import { LxSeedComparison } from './seed-comparison.component.js';

export { LxSeedComparison };

customElements.get('lx-seed-comparison') ?? customElements.define('lx-seed-comparison', LxSeedComparison);

declare global {
  interface HTMLElementTagNameMap {
    'lx-seed-comparison': LxSeedComparison;
  }
}

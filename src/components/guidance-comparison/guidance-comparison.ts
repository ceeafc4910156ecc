import { LxGuidanceComparison } from './guidance-comparison.component.js';

export { LxGuidanceComparison };

customElements.get('lx-guidance-comparison') ?? customElements.define('lx-guidance-comparison', LxGuidanceComparison);

declare global {
  interface HTMLElementTagNameMap {
    'lx-guidance-comparison': LxGuidanceComparison;
  }
}

import { LxExplainer } from './explainer.component.js';

export { LxExplainer };

customElements.get('lx-explainer') ?? customElements.define('lx-explainer', LxExplainer);

declare global {
  interface HTMLElementTagNameMap {
    'lx-explainer': LxExplainer;
  }
}

import { LxAttentionMap } from './attention-map.component.js';

export { LxAttentionMap };

customElements.get('lx-attention-map') ?? customElements.define('lx-attention-map', LxAttentionMap);

declare global {
  interface HTMLElementTagNameMap {
    'lx-attention-map': LxAttentionMap;
  }
}

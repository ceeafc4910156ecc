import { LxEmbeddingMap } from './embedding-map.component.js';

export { LxEmbeddingMap };

customElements.get('lx-embedding-map') ?? customElements.define('lx-embedding-map', LxEmbeddingMap);

declare global {
  interface HTMLElementTagNameMap {
    'lx-embedding-map': LxEmbeddingMap;
  }
}

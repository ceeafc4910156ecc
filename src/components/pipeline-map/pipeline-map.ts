import { LxPipelineMap } from './pipeline-map.component.js';

export { LxPipelineMap };

customElements.get('lx-pipeline-map') ?? customElements.define('lx-pipeline-map', LxPipelineMap);

declare global {
  interface HTMLElementTagNameMap {
    'lx-pipeline-map': LxPipelineMap;
  }
}

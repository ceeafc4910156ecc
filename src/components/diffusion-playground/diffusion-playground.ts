import { LxDiffusionPlayground } from './diffusion-playground.component.js';

export { LxDiffusionPlayground };
export type { PlaygroundProgressDetail } from './diffusion-playground.component.js';

customElements.get('lx-diffusion-playground') ?? customElements.define('lx-diffusion-playground', LxDiffusionPlayground);

declare global {
  interface HTMLElementTagNameMap {
    'lx-diffusion-playground': LxDiffusionPlayground;
  }
}

import { LxDenoisingPlayer } from './denoising-player.component.js';

export { LxDenoisingPlayer };

customElements.get('lx-denoising-player') ?? customElements.define('lx-denoising-player', LxDenoisingPlayer);

declare global {
  interface HTMLElementTagNameMap {
    'lx-denoising-player': LxDenoisingPlayer;
  }
}

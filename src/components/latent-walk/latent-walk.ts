import { LxLatentWalk } from './latent-walk.component.js';

export { LxLatentWalk };

customElements.get('lx-latent-walk') ?? customElements.define('lx-latent-walk', LxLatentWalk);

declare global {
  interface HTMLElementTagNameMap {
    'lx-latent-walk': LxLatentWalk;
  }
}

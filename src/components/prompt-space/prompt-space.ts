import { LxPromptSpace } from './prompt-space.component.js';

export { LxPromptSpace };

customElements.get('lx-prompt-space') ?? customElements.define('lx-prompt-space', LxPromptSpace);

declare global {
  interface HTMLElementTagNameMap {
    'lx-prompt-space': LxPromptSpace;
  }
}

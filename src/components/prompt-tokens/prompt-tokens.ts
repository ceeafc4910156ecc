import { LxPromptTokens } from './prompt-tokens.component.js';

export { LxPromptTokens };

customElements.get('lx-prompt-tokens') ?? customElements.define('lx-prompt-tokens', LxPromptTokens);

declare global {
  interface HTMLElementTagNameMap {
    'lx-prompt-tokens': LxPromptTokens;
  }
}

import { LxForwardProcess } from './forward-process.component.js';

export { LxForwardProcess };

customElements.get('lx-forward-process') ?? customElements.define('lx-forward-process', LxForwardProcess);

declare global {
  interface HTMLElementTagNameMap {
    'lx-forward-process': LxForwardProcess;
  }
}

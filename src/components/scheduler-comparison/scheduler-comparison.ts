import { LxSchedulerComparison } from './scheduler-comparison.component.js';

export { LxSchedulerComparison };

customElements.get('lx-scheduler-comparison') ?? customElements.define('lx-scheduler-comparison', LxSchedulerComparison);

declare global {
  interface HTMLElementTagNameMap {
    'lx-scheduler-comparison': LxSchedulerComparison;
  }
}

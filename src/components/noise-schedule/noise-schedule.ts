import { LxNoiseSchedule } from './noise-schedule.component.js';

export { LxNoiseSchedule };

customElements.get('lx-noise-schedule') ?? customElements.define('lx-noise-schedule', LxNoiseSchedule);

declare global {
  interface HTMLElementTagNameMap {
    'lx-noise-schedule': LxNoiseSchedule;
  }
}

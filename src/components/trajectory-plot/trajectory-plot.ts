import { LxTrajectoryPlot } from './trajectory-plot.component.js';

export { LxTrajectoryPlot };

customElements.get('lx-trajectory-plot') ?? customElements.define('lx-trajectory-plot', LxTrajectoryPlot);

declare global {
  interface HTMLElementTagNameMap {
    'lx-trajectory-plot': LxTrajectoryPlot;
  }
}

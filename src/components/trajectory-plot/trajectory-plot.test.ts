import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './trajectory-plot.js';
import type { LxTrajectoryPlot } from './trajectory-plot.component.js';
import { encodeTrajectory } from '../../pipeline/trajectory/index.js';
import { syntheticRecords } from '../../../test/browser/components-fixtures.js';
import { fitPca } from '../../explorers/projection/pca.js';
import { projectRows } from '../../explorers/projection/linear-map.js';
import { trajectoryRows } from './trajectory-rows.js';

describe('lx-trajectory-plot', () => {
  const runs = [
    { label: 'guidance 1', records: syntheticRecords(4, 1, 0) },
    { label: 'guidance 7.5', records: syntheticRecords(4, 7.5, 2) },
  ];

  it('draws the exact PCA of every stacked latent (the same points as PCA on the full covariance)', async () => {
    const el = await fixture<LxTrajectoryPlot>(html`<lx-trajectory-plot .runs=${runs}></lx-trajectory-plot>`);
    await el.projectionComplete;
    const stacked = trajectoryRows(runs.map((run) => run.records), ['latent']);
    const direct = projectRows(fitPca(stacked.rows, stacked.dimensions), stacked.rows, stacked.dimensions);
    const drawn = el.projectedPaths.flatMap((path) => Array.from(path.points));
    expect(drawn).to.have.length(direct.length);
    drawn.forEach((value, i) => expect(value).to.be.closeTo(direct[i]!, 1e-3));
  });

  it('projects several runs with PCA, one path per run from noise to image', async () => {
    const el = await fixture<LxTrajectoryPlot>(html`<lx-trajectory-plot .runs=${runs}></lx-trajectory-plot>`);
    await el.projectionComplete;
    expect(el.projectedPaths.map((p) => p.label)).to.deep.equal(['guidance 1', 'guidance 7.5']);
    // 4 steps' x_t plus the final latent.
    expect(el.projectedPaths[0]!.points.length).to.equal(10);
    expect(el.shadowRoot!.querySelectorAll('svg.plot circle.point')).to.have.length(10);
    expect(el.shadowRoot!.querySelector('figcaption')!.textContent).to.match(/PCA.*\d+% and \d+%/);
  });

  it('adds the x̂₀ predictions as dashed paths', async () => {
    const el = await fixture<LxTrajectoryPlot>(html`<lx-trajectory-plot show="both" .runs=${runs}></lx-trajectory-plot>`);
    await el.projectionComplete;
    expect(el.projectedPaths.filter((p) => p.style === 'dashed')).to.have.length(2);
  });

  it('moves the highlighted step from the keyboard-operable slider and from hover', async () => {
    const el = await fixture<LxTrajectoryPlot>(html`<lx-trajectory-plot .runs=${runs}></lx-trajectory-plot>`);
    await el.projectionComplete;
    const slider = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!;
    slider.stepUp(2);
    const changed = oneEvent(el, 'lx-change');
    slider.dispatchEvent(new Event('input'));
    expect((await changed).detail.step).to.equal(2);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('circle.highlight')).to.have.length(2);
    el.shadowRoot!.querySelector('circle.point')!.dispatchEvent(new PointerEvent('pointerenter'));
    await el.updateComplete;
    expect(el.currentStep).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('plots a recorded run from src', async () => {
    const bytes = encodeTrajectory(
      { prompt: 'a cow', seed: 1, modelId: 'test', settings: { steps: 3, guidanceScale: 3, scheduler: { className: 'DDIMScheduler', config: {} }, width: 64, height: 64 } },
      syntheticRecords(3),
    );
    const url = URL.createObjectURL(new Blob([bytes]));
    const el = document.createElement('lx-trajectory-plot');
    el.src = url;
    const done = oneEvent(el, 'lx-complete');
    document.body.append(el);
    await done;
    URL.revokeObjectURL(url);
    expect(el.projectedPaths[0]!.label).to.equal('a cow');
    el.remove();
  });

  it('asks the UMAP worker for a layout and shows its failure as a typed error', async () => {
    // The UMAP worker itself is tested by the explorers; this checks the element's side of it.
    const worker = () => new Worker(URL.createObjectURL(new Blob(['throw new Error("no umap here")'], { type: 'text/javascript' })));
    const el = document.createElement('lx-trajectory-plot');
    el.projection = 'umap';
    el.umapWorker = worker;
    el.runs = runs;
    const failed = oneEvent(el, 'lx-error');
    document.body.append(el);
    const { detail } = await failed;
    expect(detail.error.code).to.equal('umap-worker');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.not.equal(null);
    el.remove();
  });

  it('shows a typed error for projection="tsne"', async () => {
    const el = document.createElement('lx-trajectory-plot');
    el.setAttribute('projection', 'tsne');
    el.runs = runs;
    const failed = oneEvent(el, 'lx-error');
    document.body.append(el);
    expect((await failed).detail.error.field).to.equal('projection');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.not.equal(null);
    el.remove();
  });
});

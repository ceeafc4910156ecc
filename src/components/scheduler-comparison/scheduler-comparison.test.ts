import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './scheduler-comparison.js';
import type { LxSchedulerComparison } from './scheduler-comparison.component.js';
import { holdPageModel, SD15 } from '../../../test/browser/page-model-setup.js';
import { TorchGenerator } from '../../pipeline/math/torch-random.js';
import { syntheticRecords } from '../../../test/browser/components-fixtures.js';
import { itRejectsBadAttributes } from '../../../test/browser/attribute-errors.js';

// Live on the SD 1.5 fixture (tiny random weights, SD 1.5's graph interfaces); runs are 1–2
// steps at 64×64 because CPU is scarce.

const bytes = (data: Float32Array): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

describe('lx-scheduler-comparison', () => {
  it('replays recorded columns with their σ schedules on one chart', async () => {
    const runs = [
      { label: 'DDIM · 3 steps', prompt: 'a cow', records: syntheticRecords(3, 7.5, 0) },
      { label: 'Euler · 2 steps', prompt: 'a cow', records: syntheticRecords(2, 7.5, 1) },
    ];
    const el = await fixture<LxSchedulerComparison>(html`<lx-scheduler-comparison .runs=${runs}></lx-scheduler-comparison>`);
    expect(el.shadowRoot!.querySelectorAll('.grid-cell canvas')).to.have.length(2);
    expect(el.sigmaSeries.map((s) => Array.from(s.progress))).to.deep.equal([[0, 1 / 3, 2 / 3, 1], [0, 0.5, 1]]);
    expect(el.shadowRoot!.querySelectorAll('svg.sigma path.series')).to.have.length(2);
    expect(el.shadowRoot!.querySelector('lx-trajectory-plot')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  itRejectsBadAttributes('lx-scheduler-comparison', [
    ['columns', 'ddim'],
    ['columns', 'warp:20'],
    ['columns', 'ddim:0'],
    ['seed', 'x'],
    ['guidance', '-1'],
  ]);

  describe('live on a model (WASM)', () => {
    holdPageModel(SD15);

    it('every column starts from byte-identical noise: the seed’s one draw, scaled by the sampler’s initial σ', async () => {
      const el = await fixture<LxSchedulerComparison>(html`<lx-scheduler-comparison
        model=${SD15}
        seed="7"
        guidance="1"
        size="64"
        columns="ddim:2, euler:2, euler-a:1, dpm++2m:2, lcm:1, ddpm:1"
      ></lx-scheduler-comparison>`);
      const steps: number[] = [];
      el.addEventListener('lx-step', () => steps.push(1));
      const completed = oneEvent(el, 'lx-complete');
      await el.generate();
      const { detail } = await completed;
      expect(detail.runs.map((run: unknown[]) => run.length)).to.deep.equal([2, 2, 1, 2, 1, 1]);
      expect(steps).to.have.length(9);
      const noise = el.startingNoise!;
      // The seed's own draw, as torch.randn makes it.
      expect(bytes(noise.data)).to.deep.equal(bytes(new TorchGenerator(7n).randn(noise.shape)));
      // Each column's x_T is that draw times its sampler's initial σ, computed as torch does (float32).
      el.comparison.forEach((cell, i) => {
        const sigma = Math.fround(el.initialSigmas[i]!);
        const expected = sigma === 1 ? noise.data : Float32Array.from(noise.data, (value) => Math.fround(value * sigma));
        expect(bytes(cell.records[0]!.latentIn.data), cell.label).to.deep.equal(bytes(expected));
      });
      // Samplers whose initial σ is 1 start from byte-identical latents.
      const unit = el.comparison.filter((_, i) => el.initialSigmas[i] === 1).map((cell) => bytes(cell.records[0]!.latentIn.data));
      expect(unit.length).to.be.at.least(4);
      for (const start of unit) expect(start).to.deep.equal(unit[0]);
      expect(el.comparison.every((cell) => cell.decoded !== null)).to.equal(true);
      expect(el.shadowRoot!.querySelectorAll('svg.sigma path.series')).to.have.length(6);
      expect(el.shadowRoot!.querySelector('lx-trajectory-plot')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './latent-walk.js';
import type { LxLatentWalk } from './latent-walk.component.js';
import { holdPageModel, SD15 } from '../../../test/browser/page-model-setup.js';
import { TorchGenerator } from '../../pipeline/math/torch-random.js';
import { slerp } from '../../pipeline/math/slerp.js';
import { readTrajectory } from '../../pipeline/trajectory/reader.js';
import { itRejectsBadAttributes } from '../../../test/browser/attribute-errors.js';

// Live on the SD 1.5 fixture (tiny random weights, SD 1.5's graph interfaces); 1–2 steps at
// 64×64 because CPU is scarce.

const bytes = (data: Float32Array): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

describe('lx-latent-walk', () => {
  itRejectsBadAttributes('lx-latent-walk', [
    ['mode', 'colours'],
    ['frames', '1'],
    ['frames', '40'],
    ['to-seed', '-3'],
    ['fps', '0'],
    ['interpolation', 'cubic'],
  ]);

  it('switches between seed and prompt walks with the radio buttons', async () => {
    // Not the default walk, so no shipped recording: switching mode does not start a live walk.
    const el = await fixture<LxLatentWalk>(html`<lx-latent-walk seed="3"></lx-latent-walk>`);
    expect(el.shadowRoot!.querySelector('input[name=to-seed]')).to.not.equal(null);
    el.shadowRoot!.querySelector<HTMLInputElement>('input[value=prompts]')!.click();
    await el.updateComplete;
    expect(el.mode).to.equal('prompts');
    expect(el.shadowRoot!.querySelector('input[name=to-prompt]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  describe('live on a model (WASM)', () => {
    holdPageModel(SD15);

    it('the middle frame at t = 0.5 starts from exactly the slerp of the two seeds’ noise', async () => {
      const el = await fixture<LxLatentWalk>(html`<lx-latent-walk
        model=${SD15}
        seed="3"
        to-seed="4"
        frames="5"
        steps="2"
        guidance="1"
        size="64"
        scheduler="euler"
      ></lx-latent-walk>`);
      const completed = oneEvent(el, 'lx-complete');
      await el.generate();
      const { detail } = await completed;
      expect(detail.runs).to.have.length(5);
      const info = el.walkInfo!;
      expect(Array.from(info.positions)).to.deep.equal([0, 0.25, 0.5, 0.75, 1]);
      const a = new TorchGenerator(3n).randn(info.latentShape);
      const b = new TorchGenerator(4n).randn(info.latentShape);
      const sigma = Math.fround(info.plan.initNoiseSigma);
      expect(sigma).to.be.greaterThan(1); // Euler: x_T = noise × initial σ
      const scaled = (noise: Float32Array) => Float32Array.from(noise, (value) => Math.fround(value * sigma));
      expect(bytes(el.comparison[2]!.records[0]!.latentIn.data)).to.deep.equal(bytes(scaled(slerp(a, b, 0.5))));
      expect(bytes(el.comparison[0]!.records[0]!.latentIn.data)).to.deep.equal(bytes(scaled(a)));
      expect(bytes(el.comparison[4]!.records[0]!.latentIn.data)).to.deep.equal(bytes(scaled(b)));
      // The seed walk's chart: the straight line shrinks the noise, the arc keeps it.
      expect(el.shadowRoot!.querySelectorAll('svg.norms path.series')).to.have.length(2);
      expect(el.position).to.deep.equal({ frame: 2, t: 0.5 });
      await expect(el).to.be.accessible();
    });

    it('scrubs, plays and saves a prompt walk as a recording that reads back frame by frame', async () => {
      const el = await fixture<LxLatentWalk>(html`<lx-latent-walk
        model=${SD15}
        mode="prompts"
        prompt="a red car"
        to-prompt="a blue boat"
        seed="5"
        frames="3"
        steps="1"
        guidance="1"
        size="64"
        fps="30"
      ></lx-latent-walk>`);
      await el.generate();
      expect(bytes(el.comparison[0]!.records[0]!.latentIn.data)).to.deep.equal(bytes(el.comparison[2]!.records[0]!.latentIn.data));
      const slider = el.shadowRoot!.querySelector<HTMLInputElement>('.scrub input[type=range]')!;
      const changed = oneEvent(el, 'lx-change');
      slider.value = '2';
      slider.dispatchEvent(new Event('input'));
      expect((await changed).detail).to.deep.equal({ frame: 2, t: 1 });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('canvas.current')!.getAttribute('aria-label')).to.contain('Frame 3 of 3');
      const play = el.shadowRoot!.querySelector<HTMLButtonElement>('button.play')!;
      play.click();
      await oneEvent(el, 'lx-change');
      expect(el.position.frame).to.equal(0); // wrapped round from the last frame
      play.click();
      const save = el.shadowRoot!.querySelector<HTMLButtonElement>('button.save')!;
      await el.updateComplete;
      expect(save.disabled).to.equal(false);
      const recording = readTrajectory(el.recording()!);
      expect(recording.header.prompt).to.equal('a red car → a blue boat');
      expect(recording.steps).to.have.length(3);
      expect(recording.decoded.every((image) => image !== null && image.width === 64), 'each frame as its decoded picture').to.equal(true);
      // Step i of the recording is frame i's final latent (stored as float16).
      el.comparison.forEach((cell, i) => {
        const live = cell.records.at(-1)!.latentOut.data;
        const stored = recording.steps[i]!.latentOut.data;
        const worst = live.reduce((max, value, k) => Math.max(max, Math.abs(value - stored[k]!) / Math.max(1, Math.abs(value))), 0);
        expect(worst, `frame ${i}`).to.be.lessThan(1e-3);
      });
    });
  });
});

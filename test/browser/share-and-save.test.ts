import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/denoising-player/denoising-player.js';
import '../../src/components/seed-comparison/seed-comparison.js';
import '../../src/components/guidance-comparison/guidance-comparison.js';
import '../../src/components/trajectory-plot/trajectory-plot.js';
import '../../src/components/diffusion-playground/diffusion-playground.js';
import type { LxTrajectoryPlot } from '../../src/components/trajectory-plot/trajectory-plot.component.js';
import type { LxDiffusionPlayground } from '../../src/components/diffusion-playground/diffusion-playground.component.js';
import type { LxDenoisingPlayer } from '../../src/components/denoising-player/denoising-player.component.js';
import type { LxSeedComparison } from '../../src/components/seed-comparison/seed-comparison.component.js';
import type { LxGuidanceComparison } from '../../src/components/guidance-comparison/guidance-comparison.component.js';
import { SHARE_DEBOUNCE_MS } from '../../src/components/shared/controllers/share-controller.js';
import type { SavedImage } from '../../src/components/shared/render/save-image.js';
import { decodePng } from '../../src/pipeline/image/png-decode.js';
import { scaleNearest } from '../../src/pipeline/image/resize.js';
import { syntheticRecords } from './components-fixtures.js';

// A shared link opened in a fresh page is test/node/e2e-share.test.ts; here the controller's
// rules on one page: keys, debounced replaceState, restore and its errors, and saved pictures.
const settle = () => new Promise((resolve) => setTimeout(resolve, SHARE_DEBOUNCE_MS + 100));
const setHash = (hash: string) => history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);

/** The canvas's pixels enlarged as the sheet enlarged them. */
function canvasPixels(canvas: HTMLCanvasElement, scale: number): Uint8ClampedArray {
  const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  return scaleNearest({ width: image.width, height: image.height, data: image.data }, scale).data;
}

/** The saved PNG decoded with the project's reader, and each placed panel equal to its canvas. */
function expectSheetMatches(saved: SavedImage, canvases: readonly HTMLCanvasElement[]): void {
  const decoded = decodePng(saved.bytes, saved.width, saved.height);
  expect(saved.placed).to.have.length(canvases.length);
  saved.placed.forEach((place, i) => {
    const region = new Uint8ClampedArray(place.width * place.height * 4);
    for (let row = 0; row < place.height; row += 1) {
      const from = ((place.y + row) * saved.width + place.x) * 4;
      region.set(decoded.data.subarray(from, from + place.width * 4), row * place.width * 4);
    }
    expect(region, `panel ${i}`).to.deep.equal(canvasPixels(canvases[i]!, place.scale));
  });
}

/** The chunk types of a PNG, in order. */
function chunkTypes(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types: string[] = [];
  for (let position = 8; position < bytes.length; position += 12 + view.getUint32(position)) types.push(String.fromCharCode(...bytes.subarray(position + 4, position + 8)));
  return types;
}

describe('share: state in the page address', () => {
  afterEach(() => setHash(''));

  it('restores a link before the first render, and writes changes back with replaceState after a pause', async () => {
    setHash('#intro&fig.seed=7&fig.step=2');
    const before = history.length;
    const el = await fixture<LxDenoisingPlayer>(html`<lx-denoising-player id="fig" share .records=${syntheticRecords(5)}></lx-denoising-player>`);
    expect(el.seed).to.equal('7');
    expect(el.currentStep).to.equal(1);
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[name=seed]')!.value).to.equal('7');
    const seed = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=seed]')!;
    seed.value = '9';
    seed.dispatchEvent(new Event('change'));
    el.showStep(3);
    await el.updateComplete;
    expect(location.hash, 'not before the pause').to.equal('#intro&fig.seed=7&fig.step=2');
    await settle();
    expect(location.hash).to.equal('#intro&fig.seed=9&fig.step=4');
    expect(history.length, 'no history entries').to.equal(before);
    // Back to the author's settings (the last step): the element leaves the address.
    seed.value = '42';
    seed.dispatchEvent(new Event('change'));
    el.showStep(4);
    await settle();
    expect(location.hash).to.equal('#intro');
  });

  it('keeps elements apart: by id, else by tag and position; elements without share are untouched', async () => {
    setHash('#lx-seed-comparison-2.seeds=5%2C%206&lx-seed-comparison-1.guidance=3');
    const wrapper = await fixture<HTMLElement>(html`<div>
      <lx-seed-comparison share></lx-seed-comparison>
      <lx-seed-comparison share></lx-seed-comparison>
      <lx-seed-comparison></lx-seed-comparison>
    </div>`);
    const [first, second, third] = [...wrapper.querySelectorAll<LxSeedComparison>('lx-seed-comparison')];
    expect([first!.guidance, first!.seeds]).to.deep.equal(['3', '1, 2, 3, 4']);
    expect([second!.guidance, second!.seeds]).to.deep.equal(['7.5', '5, 6']);
    expect(third!.guidance).to.equal('7.5');
    third!.guidance = '12';
    first!.steps = '10';
    await settle();
    expect(location.hash).to.equal('#lx-seed-comparison-2.seeds=5%2C%206&lx-seed-comparison-1.guidance=3&lx-seed-comparison-1.steps=10');
  });

  it('says in words what is wrong with a hand-edited link, and keeps the author’s setting', async () => {
    setHash('#g.seed=abc&g.colour=red&g.steps=12');
    const el = await fixture<LxGuidanceComparison>(html`<lx-guidance-comparison id="g" share></lx-guidance-comparison>`);
    await el.updateComplete;
    await el.updateComplete;
    expect(el.seed).to.equal('42');
    expect(el.steps, 'the good value is used').to.equal('12');
    const alert = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
    expect(alert).to.contain('page address');
    expect(alert).to.contain('"abc"');
    expect(alert).to.not.match(/InvalidOptionError|undefined/);
  });

  it('the trajectory plot shares what it shows; a bad projection is named and not applied', async () => {
    setHash('#paths.show=both');
    const el = await fixture<LxTrajectoryPlot>(html`<lx-trajectory-plot id="paths" share .records=${syntheticRecords(4)}></lx-trajectory-plot>`);
    expect(el.show).to.equal('both');
    const points = el.shadowRoot!.querySelectorAll<HTMLSelectElement>('[part=controls] select')[1]!;
    points.value = 'latents';
    points.dispatchEvent(new Event('change'));
    await settle();
    expect(location.hash, 'back to the author\'s setting').to.equal('');
    el.remove();
    setHash('#paths.projection=tsne');
    const bad = await fixture<LxTrajectoryPlot>(html`<lx-trajectory-plot id="paths" share .records=${syntheticRecords(4)}></lx-trajectory-plot>`);
    expect(bad.projection).to.equal('pca');
    expect(bad.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('projection');
  });

  it('the playground shares its data set and sampling settings', async () => {
    setHash('#pg.preset=two-moons&pg.guidance=2');
    const wrapper = await fixture<HTMLElement>(html`<div style="width: 720px"><lx-diffusion-playground id="pg" share batch-size="32" max-steps="20" sample-count="40" steps="8"></lx-diffusion-playground></div>`);
    const el = wrapper.querySelector<LxDiffusionPlayground>('lx-diffusion-playground')!;
    await el.updateComplete;
    expect(el.preset).to.equal('two-moons');
    expect(String(el.guidance)).to.equal('2');
    expect(el.settings?.preset).to.equal('two-moons');
    const seed = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=number]')].find((input) => input.closest('label')!.textContent!.includes('Seed'))!;
    seed.value = '5';
    seed.dispatchEvent(new Event('change'));
    await settle();
    expect(location.hash).to.equal('#pg.preset=two-moons&pg.seed=5&pg.guidance=2');
    el.remove();
  });

  it('applies a fragment edited by hand in the open page (hashchange)', async () => {
    const el = await fixture<LxSeedComparison>(html`<lx-seed-comparison id="s" share></lx-seed-comparison>`);
    location.hash = '#s.prompt=a%20red%20cow';
    await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    expect(el.prompt).to.equal('a red cow');
    location.hash = '';
    await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    expect(el.prompt, 'back to the author’s').to.equal('a sheep riding a motorcycle');
  });
});

describe('save: what a figure shows, as a PNG', () => {
  it('the player saves the step shown, each panel equal to its canvas, named from the state', async () => {
    const el = await fixture<LxDenoisingPlayer>(html`<lx-denoising-player prompt="a red cow" seed="3" .records=${syntheticRecords(5)}></lx-denoising-player>`);
    el.showStep(2);
    await el.updateComplete;
    const saved = (await el.snapshot())!;
    expect(saved.fileName).to.equal('a-red-cow-seed-3-step-3.png');
    expect(saved.frames).to.equal(1);
    // No decoded pictures in these records: noisy, predicted, noise and the four channels.
    const canvases = ['canvas.noisy', 'canvas.predicted', 'canvas.noise', 'canvas.channel'].flatMap((selector) => [...el.shadowRoot!.querySelectorAll<HTMLCanvasElement>(selector)]);
    expectSheetMatches(saved, canvases);
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.save-png')!.disabled).to.equal(false);
  });

  it('the player saves the whole run as an animated PNG, one frame per step', async () => {
    const el = await fixture<LxDenoisingPlayer>(html`<lx-denoising-player .records=${syntheticRecords(4)}></lx-denoising-player>`);
    const saved = (await el.animation())!;
    expect(saved.frames).to.equal(4);
    const types = chunkTypes(saved.bytes);
    expect(types.filter((type) => type === 'fcTL')).to.have.length(4);
    expect(types.slice(0, 2)).to.deep.equal(['IHDR', 'acTL']);
    // The first frame is the file's still image: the last step's sheet is not it, step 1's is.
    el.showStep(0);
    await el.updateComplete;
    const first = (await el.snapshot())!;
    expect(decodePng(saved.bytes, saved.width, saved.height).data).to.deep.equal(decodePng(first.bytes, first.width, first.height).data);
  });

  it('a comparison saves its grid with the labels, each cell equal to its canvas', async () => {
    const runs = [
      { label: 'seed 1', prompt: 'a cow', records: syntheticRecords(2, 7.5, 0) },
      { label: 'seed 2', prompt: 'a cow', records: syntheticRecords(2, 7.5, 1) },
      { label: 'seed 3', prompt: 'a cow', records: syntheticRecords(2, 7.5, 2) },
    ];
    const el = await fixture<LxSeedComparison>(html`<lx-seed-comparison prompt="a cow" .runs=${runs}></lx-seed-comparison>`);
    const saved = (await el.snapshot())!;
    expect(saved.fileName).to.equal('a-cow-seeds-1-2-3-4.png');
    expectSheetMatches(saved, [...el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('.grid-cell canvas')]);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.save-png')!;
    expect(button.disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });
});

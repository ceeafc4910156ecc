// End-to-end: a shared link opened in a fresh page (a new browser context: no state carried
// over but the address) shows the same state — the player's step with the same picture bytes
// (from the shipped recording), a comparison's seed — and a hand-edited bad value is named.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openPage, startSite, type SiteSession } from './e2e-site.js';

let site: SiteSession;
before(async () => {
  site = await startSite({ webgpu: false });
});
after(async () => {
  await site?.close();
});

const PLAYER_PAGE = '/components/lx-denoising-player.html';

/** Waits for the page's player to show the shipped recording's 20 steps. */
async function playerShown(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.querySelector('lx-denoising-player') as unknown as { stepRecords?: unknown[] } | null)?.stepRecords?.length === 20, null, { timeout: 120_000 });
}

/** The player's step, and every panel canvas as PNG data URLs. */
function playerState(page: Page): Promise<{ step: number; seed: string; slider: string; canvases: string[] }> {
  return page.evaluate(async () => {
    const el = document.querySelector('lx-denoising-player') as HTMLElement & { currentStep: number; seed: string; updateComplete: Promise<unknown> };
    await el.updateComplete;
    const root = el.shadowRoot!;
    return {
      step: el.currentStep,
      seed: el.seed,
      slider: root.querySelector<HTMLInputElement>('input[type=range]')!.value,
      canvases: [...root.querySelectorAll<HTMLCanvasElement>('.panels canvas')].map((canvas) => canvas.toDataURL('image/png')),
    };
  });
}

test('the player: a step chosen by the reader comes back in a fresh page from the address, same pictures', async () => {
  const { page } = await openPage(site, PLAYER_PAGE, {}, { holdModels: true });
  await playerShown(page);
  await page.evaluate(() => {
    const slider = document.querySelector('lx-denoising-player')!.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!;
    slider.value = '4';
    slider.dispatchEvent(new Event('input'));
  });
  await page.waitForFunction(() => location.hash.includes('step='), null, { timeout: 10_000 });
  const url = page.url();
  assert.match(url, /#lx-denoising-player-1\.step=5$/);
  const shown = await playerState(page);
  assert.equal(shown.step, 4);

  const { page: fresh, problems } = await openPage(site, url.slice(site.origin.length), {}, { holdModels: true });
  await playerShown(fresh);
  const restored = await playerState(fresh);
  assert.deepEqual({ step: restored.step, slider: restored.slider, seed: restored.seed }, { step: 4, slider: '4', seed: '42' });
  assert.ok(shown.canvases.length >= 5, 'the panels are compared');
  assert.equal(restored.canvases.length, shown.canvases.length);
  restored.canvases.forEach((canvas, i) => assert.equal(canvas, shown.canvases[i], `panel canvas ${i} has the same bytes`));
  assert.deepEqual(problems.filter((problem) => problem.startsWith('page error')), []);
  await page.close();
  await fresh.close();
});

test('a comparison: the reader’s seed comes back in a fresh page; a bad hand-edited value is named, not used', async () => {
  const path = '/components/lx-guidance-comparison.html';
  const { page } = await openPage(site, path, {}, { holdModels: true });
  await page.waitForFunction(() => customElements.get('lx-guidance-comparison') !== undefined);
  await page.evaluate(() => {
    const seed = document.querySelector('lx-guidance-comparison')!.shadowRoot!.querySelector<HTMLInputElement>('input[name=seed]')!;
    seed.value = '7';
    seed.dispatchEvent(new Event('change'));
  });
  await page.waitForFunction(() => location.hash.includes('seed='), null, { timeout: 10_000 });
  const url = page.url();
  assert.match(url, /#lx-guidance-comparison-1\.seed=7$/);

  const { page: fresh } = await openPage(site, url.slice(site.origin.length), {}, { holdModels: true });
  const seed = await fresh.evaluate(async () => {
    const el = document.querySelector('lx-guidance-comparison') as HTMLElement & { seed: string; updateComplete: Promise<unknown> };
    await el.updateComplete;
    return { property: el.seed, field: el.shadowRoot!.querySelector<HTMLInputElement>('input[name=seed]')!.value };
  });
  assert.deepEqual(seed, { property: '7', field: '7' });

  const { page: edited } = await openPage(site, `${path}#lx-guidance-comparison-1.steps=lots`, {}, { holdModels: true });
  const alert = await edited.evaluate(async () => {
    const el = document.querySelector('lx-guidance-comparison') as HTMLElement & { steps: string; updateComplete: Promise<unknown> };
    await el.updateComplete;
    await el.updateComplete;
    return { steps: el.steps, text: el.shadowRoot!.querySelector('[role=alert]')?.textContent ?? '' };
  });
  assert.equal(alert.steps, '20');
  assert.match(alert.text, /steps: the page address \(after #\) sets it to "lots", which cannot be used/);
  await Promise.all([page.close(), fresh.close(), edited.close()]);
});

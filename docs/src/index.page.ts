// The article: every figure live, all of them drawing the one prompt the page holds.
import { defineSiteElements } from './components.js';
import { DrawQueue, drawableFigures, nextSettled } from './draw-queue.js';
import { PagePrompt } from './prompt-state.js';
import { linkTrajectories } from './trajectory-links.js';
import { mountToyRun } from './toy-run.js';
import { watchFirstImage } from './first-image.js';
import { openNerdZonesForPrint } from './nerd-zone.js';

defineSiteElements();
linkTrajectories(document);

/** The hero's prompt: the author's, or the one a shared link (`share`) gave it as it upgraded. */
const INITIAL_PROMPT = (document.querySelector('#hero-player') as { prompt?: string } | null)?.prompt ?? 'a sheep riding a motorcycle';

/** The page-level prompt box and its suggestion buttons, kept in step with the shared prompt. */
function mountPagePrompt(form: HTMLFormElement, prompt: PagePrompt): void {
  const input = form.elements.namedItem('prompt') as HTMLInputElement;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    prompt.set(input.value);
  });
  for (const button of form.querySelectorAll<HTMLButtonElement>('button.suggestion')) {
    button.addEventListener('click', () => prompt.set(button.textContent ?? ''));
  }
  prompt.subscribe((text) => {
    if (input.value.trim() !== text) input.value = text;
  });
}

// The opening map's boxes lead to the sections of this article that explain them.
const machineMap = document.querySelector('lx-pipeline-map');
if (machineMap) {
  machineMap.hrefs = {
    'lx-prompt-tokens': '#text-model',
    'lx-noise-schedule': '#noise',
    'lx-seed-comparison': '#seed',
    'lx-denoising-player': '#steps',
    'lx-guidance-comparison': '#guidance',
  };
}

const pagePrompt = new PagePrompt(document, INITIAL_PROMPT);
mountPagePrompt(document.querySelector<HTMLFormElement>('#page-prompt')!, pagePrompt);
mountToyRun(document.querySelector<HTMLElement>('#toy-run')!);
openNerdZonesForPrint();

// The tokens view encodes the prompt by itself whenever it changes; the figures then draw in
// reading order, one at a time. A new prompt redraws every figure except the one it was
// typed in (that one is already drawing).
const queue = new DrawQueue();
const tokenViews = () => [...document.querySelectorAll('lx-prompt-tokens')];
void watchFirstImage(document.querySelector<HTMLElement>('#model-status')!);
/** Token views encode by themselves only once near the viewport; the article draws all of them, first. */
function settleTokenViews(): Promise<void> {
  const views = tokenViews();
  const settled = nextSettled(views);
  for (const view of views) void view.encode();
  return settled;
}
void settleTokenViews().then(() => queue.draw(drawableFigures(document)));
pagePrompt.subscribe((_, source) => {
  const figures = drawableFigures(document, { withAutoplay: true }).filter((figure) => figure !== source);
  void settleTokenViews().then(() => queue.draw(figures));
});

// For tests and the curious: the page's shared prompt.
(globalThis as { lxPagePrompt?: PagePrompt }).lxPagePrompt = pagePrompt;

// The teachers' page: classroom mode over the tour's slides, sharing one prompt.
import { defineSiteElements } from './components.js';
import { PagePrompt } from './prompt-state.js';
import { linkTrajectories } from './trajectory-links.js';
import { SlideDeck } from './slide-deck.js';
import { DrawQueue, drawableFigures, type Drawable } from './draw-queue.js';
import type { ExplainingElement, OpenPartDetail } from '../../src/components/pipeline-map/pipeline-parts.js';

defineSiteElements();
linkTrajectories(document);

const classroom = document.querySelector<HTMLElement>('#classroom')!;
const prompt = new PagePrompt(document, 'a sheep riding a motorcycle');

// A screen's figures draw when it comes up, and again only if the prompt changed meanwhile.
const queue = new DrawQueue();
const drawnWith = new WeakMap<Drawable, string>();
function drawSlide(slide: HTMLElement): void {
  const stale = drawableFigures(slide, { withAutoplay: true }).filter((figure) => drawnWith.get(figure) !== prompt.prompt);
  for (const figure of stale) drawnWith.set(figure, prompt.prompt);
  if (stale.length) void queue.draw(stale);
}
const deck = new SlideDeck(classroom, drawSlide);
prompt.subscribe(() => deck.isOpen && drawSlide(deck.slides[deck.index]!));

const form = classroom.querySelector<HTMLFormElement>('.classroom-prompt')!;
const input = form.elements.namedItem('prompt') as HTMLInputElement;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  prompt.set(input.value);
});
prompt.subscribe((text) => (input.value = text));

// The last screen's map: each box goes back to the screen that shows its part.
const SCREEN_OF: Readonly<Record<ExplainingElement, number>> = {
  'lx-denoising-player': 0,
  'lx-prompt-tokens': 1,
  'lx-noise-schedule': 4,
  'lx-seed-comparison': 5,
  'lx-guidance-comparison': 7,
};
classroom.addEventListener('lx-open-part', (event) => {
  event.preventDefault();
  deck.show(SCREEN_OF[(event as CustomEvent<OpenPartDetail>).detail.element]);
});

document.querySelector('#start-classroom')!.addEventListener('click', () => void deck.open(0));
// A link straight into the tour: teach.html#classroom (or #classroom-3 for the third screen).
const match = /^#classroom(?:-(\d+))?$/.exec(location.hash);
if (match) void deck.open(Number(match[1] ?? 1) - 1);

(globalThis as { lxClassroom?: SlideDeck }).lxClassroom = deck;

// A component page: the live example (from its <template>), copy buttons on its HTML, and the
// API tables from custom-elements.json.
import { defineSiteElements } from './components.js';
import { elementsOf, renderApiTables, richText, type Manifest } from './api-tables.js';
import { mountCopyButtons } from './copy-code.js';
import { PagePrompt } from './prompt-state.js';

defineSiteElements();

/**
 * Copies each example <template> into the page, between the template and the copyable source
 * the build wrote after it (scripts/component-pages.mjs: the author's own text, not the DOM's).
 */
function mountExamples(): void {
  for (const template of document.querySelectorAll<HTMLTemplateElement>('template.example-source')) {
    const live = document.createElement('div');
    live.className = 'example';
    live.append(document.importNode(template.content, true));
    template.after(live);
  }
}

/** Fills `[data-api-for]` with the element's summary, description and API tables. */
async function mountApi(): Promise<void> {
  const target = document.querySelector<HTMLElement>('[data-api-for]');
  if (!target) return;
  const tag = target.dataset.apiFor!;
  try {
    const response = await fetch(new URL('../custom-elements.json', location.href));
    if (!response.ok) throw new Error(`custom-elements.json: HTTP ${response.status}`);
    const declaration = elementsOf((await response.json()) as Manifest).get(tag);
    if (!declaration) throw new Error(`custom-elements.json has no <${tag}>`);
    const description = document.createElement('p');
    description.className = 'element-description';
    description.append(richText(declaration.description));
    target.replaceChildren(description, ...renderApiTables(declaration));
  } catch (error) {
    target.textContent = `The API tables could not be loaded: ${(error as Error).message}`;
    target.classList.add('lx-error');
  }
}

mountExamples();
mountCopyButtons(document);
new PagePrompt(document, document.querySelector('[prompt]')?.getAttribute('prompt') ?? 'a sheep riding a motorcycle');
await mountApi();

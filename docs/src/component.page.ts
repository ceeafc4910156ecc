// A component page: the live example (from its <template>), the same HTML to copy, and the
// API tables from custom-elements.json.
import { defineSiteElements } from './components.js';
import { elementsOf, renderApiTables, richText, type Manifest } from './api-tables.js';
import { mountCopyButtons } from './copy-code.js';
import { PagePrompt } from './prompt-state.js';

defineSiteElements();

/** Copies each example <template> into the page and shows its source under it. */
function mountExamples(): void {
  for (const template of document.querySelectorAll<HTMLTemplateElement>('template.example-source')) {
    const live = document.createElement('div');
    live.className = 'example';
    live.append(document.importNode(template.content, true));
    const source = document.createElement('pre');
    source.className = 'copy-block';
    const code = document.createElement('code');
    code.textContent = dedent(template.innerHTML);
    source.append(code);
    template.after(live, source);
  }
}

/** Removes the indentation the HTML file gives the example. */
export function dedent(text: string): string {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
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

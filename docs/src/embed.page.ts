// The embedding guide: copy buttons on every snippet, and a recorded run replayed live.
import { defineSiteElements } from './components.js';
import { mountCopyButtons } from './copy-code.js';

defineSiteElements();
mountCopyButtons(document);

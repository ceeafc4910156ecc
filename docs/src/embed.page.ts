// The embedding guide: copy buttons on every snippet.
import { mountCopyButtons } from './copy-code.js';

mountCopyButtons(document);

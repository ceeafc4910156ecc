/**
 * The one-script-tag bundle: registers every element and exposes the whole API, with all
 * dependencies inside. Shipped files load from `../assets/` next to the bundle's folder.
 */
import './define.js';

export * from './index.js';

import type { Server } from 'node:http';
/** Serves folders under URL prefixes with cross-origin isolation headers; `port: 0` picks a free port. */
export function serveStatic(options: { mounts: Record<string, string>; port?: number; host?: string; asCdn?: boolean; isolated?: boolean }): Promise<Server>;
/** The development site's mounts: docs/ at /, the rendered component pages at /components, assets/ at /assets. */
export const SITE_MOUNTS: Record<string, string>;
/** Whether `path` is `folder` or lies inside it (a separator boundary, not a name prefix). */
export function isInside(folder: string, path: string): boolean;

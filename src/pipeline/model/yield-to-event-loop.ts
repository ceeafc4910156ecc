/**
 * Lets the event loop run (input, rendering, other tasks) before continuing: the prioritised
 * `scheduler.yield()` where the browser has it, a zero-delay timer elsewhere (Node, Firefox).
 * Long byte-crunching loops on the page call it every megabyte or so, so that no single task
 * blocks the page for long.
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

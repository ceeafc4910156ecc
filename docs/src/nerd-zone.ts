/**
 * The article's Nerd Zone boxes (`details.nerd-zone`) are closed on screen, so the main path
 * reads without formulas; printed (or saved as PDF for slides) they are all open, and close
 * again afterwards unless the reader had opened them.
 */
export function openNerdZonesForPrint(root: Document = document): void {
  let openedForPrint: HTMLDetailsElement[] = [];
  addEventListener('beforeprint', () => {
    openedForPrint = [...root.querySelectorAll<HTMLDetailsElement>('details.nerd-zone:not([open])')];
    for (const box of openedForPrint) box.open = true;
  });
  addEventListener('afterprint', () => {
    for (const box of openedForPrint) box.open = false;
    openedForPrint = [];
  });
}

/**
 * Adds a “Copy” button to every `pre.copy-block` (clipboard where allowed, selection otherwise).
 * The block goes into a `div.copy-frame` holding the button above the code's first line, so the
 * button never covers code and stays put when a long line scrolls sideways.
 */
export function mountCopyButtons(root: ParentNode): void {
  for (const block of root.querySelectorAll<HTMLPreElement>('pre.copy-block')) {
    if (block.parentElement?.classList.contains('copy-frame')) continue;
    const frame = document.createElement('div');
    frame.className = 'copy-frame';
    block.replaceWith(frame);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy this code');
    button.addEventListener('click', async () => {
      const text = block.querySelector('code')?.textContent ?? '';
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
      } catch {
        // No clipboard permission (e.g. an insecure origin): select the code for Ctrl+C instead.
        const range = document.createRange();
        range.selectNodeContents(block.querySelector('code') ?? block);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
        button.textContent = 'Selected: press Ctrl+C';
      }
      setTimeout(() => (button.textContent = 'Copy'), 2000);
    });
    frame.append(button, block);
  }
}

/** Adds a “Copy” button to every `pre.copy-block` (clipboard where allowed, selection otherwise). */
export function mountCopyButtons(root: ParentNode): void {
  for (const block of root.querySelectorAll<HTMLPreElement>('pre.copy-block')) {
    if (block.querySelector('button')) continue;
    const button = document.createElement('button');
    button.type = 'button';
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
    block.append(button);
  }
}

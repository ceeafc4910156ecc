// The bad-attribute check that live elements share: each (attribute, value) pair makes the element
// fire `lx-error` naming the attribute, show it in its alert, and disable Generate.
import { expect, oneEvent } from '@open-wc/testing';

/** One `it` per pair; `tag` is created fresh for each, so the error comes from the first update. */
export function itRejectsBadAttributes(tag: string, cases: readonly (readonly [name: string, value: string])[]): void {
  for (const [name, value] of cases) {
    it(`shows a typed error for ${name}="${value}" and blocks Generate`, async () => {
      const el = document.createElement(tag) as HTMLElement & { updateComplete: Promise<boolean> };
      el.setAttribute(name, value);
      const failed = oneEvent(el, 'lx-error');
      document.body.append(el);
      const { detail } = await failed;
      await el.updateComplete;
      expect(detail.error.field).to.equal(name);
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(name);
      expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.generate')!.disabled).to.equal(true);
      el.remove();
    });
  }
}

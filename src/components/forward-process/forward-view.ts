import { html, type TemplateResult } from 'lit';
import { select } from 'd3';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import { renderImageCell } from '../shared/render/render-image-cell.js';
import { describeShares, type ForwardShares } from './forward-source.js';

/** What the three frames show: the clean image, xₜ decoded (for the timestep it was decoded at) and xₜ's preview. */
export interface ForwardFrames {
  readonly label: string;
  readonly clean: RgbaImage;
  readonly shares: ForwardShares;
  /** Latent-preview pixels of xₜ at `shares.timestep`: recomputed on every slider move. */
  readonly preview: RgbaImage;
  /** The VAE's decode of xₜ, possibly of an earlier timestep while a decode is catching up. */
  readonly decoded: { readonly timestep: number; readonly image: RgbaImage } | undefined;
}

/** The frames' figures and the numbers line; canvases are painted by `paintForwardFrames`. */
export function renderForwardFrames(frames: ForwardFrames): TemplateResult {
  const { shares, decoded } = frames;
  const catchingUp = decoded !== undefined && decoded.timestep !== shares.timestep;
  return html`
    <div class="frames" part="frames">
      <figure>
        <canvas class="cell clean"></canvas>
        <figcaption>x₀, the clean image</figcaption>
      </figure>
      <figure aria-busy=${catchingUp ? 'true' : 'false'}>
        <canvas class="cell decoded"></canvas>
        <figcaption>xₜ decoded by the VAE${decoded ? ` (t = ${decoded.timestep})` : ''}</figcaption>
      </figure>
      <figure>
        <canvas class="cell preview"></canvas>
        <figcaption>xₜ as latent colours (t = ${shares.timestep})</figcaption>
      </figure>
    </div>
    <p class="numbers" part="numbers">${describeShares(shares)}</p>
  `;
}

/** Paints the canvases rendered by `renderForwardFrames`, each with alt text that says what it shows. */
export function paintForwardFrames(root: ParentNode, frames: ForwardFrames): void {
  const paint = (name: string, image: RgbaImage, alt: string) => {
    const canvas = root.querySelector<HTMLCanvasElement>(`canvas.${name}`);
    if (canvas) renderImageCell(select(canvas), image, alt);
  };
  const { label, shares, decoded } = frames;
  paint('clean', frames.clean, `The clean image: ${label}`);
  const kept = `${Math.round(100 * shares.alphaCumprod)} % image variance`;
  paint('preview', frames.preview, `Latent colours of ${label} noised to t = ${shares.timestep} (${kept})`);
  if (decoded) paint('decoded', decoded.image, `${label} noised to t = ${decoded.timestep}, as the VAE decodes it`);
}

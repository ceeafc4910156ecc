import { html, type TemplateResult } from 'lit';

/**
 * The map's formulas, closed by default like the article's Nerd Zone boxes, so the boxes above
 * read without any maths. One line per part, in the order the map draws them.
 */
export function renderNerdZone(): TemplateResult {
  return html`<details class="nerd-zone" part="nerd-zone">
    <summary><span class="nerd-zone-badge">Nerd Zone</span> The same run as formulas</summary>
    <div class="nerd-zone-body">
      <ol class="formulas">
        <li>Tokenizer: the prompt becomes integer ids <var>w</var> ∈ ℤ<sup>1×S</sup>, padded to the
          encoder's fixed length <var>S</var>.</li>
        <li>Text encoder (a transformer): <var>c</var> = <var>E</var>(<var>w</var>) ∈ ℝ<sup>1×S×D</sup>,
          one <var>D</var>-number state per position. The empty prompt gives <var>c</var><sub>∅</sub> the same way.</li>
        <li>Seed: <var>x</var><sub>T</sub> = σ<sub>init</sub> · <var>z</var> (σ<sub>init</sub> = 1 for DDIM), with <var>z</var> ~ 𝒩(0, I) drawn by a
          generator started from the seed, of shape 1 × C × H/f × W/f.</li>
        <li>UNet, twice per step (as one batch of two):
          <var>ε̂</var><sub>cond</sub> = <var>ε</var><sub>θ</sub>(<var>x</var><sub>t</sub>, <var>t</var>, <var>c</var>) and
          <var>ε̂</var><sub>uncond</sub> = <var>ε</var><sub>θ</sub>(<var>x</var><sub>t</sub>, <var>t</var>, <var>c</var><sub>∅</sub>).</li>
        <li>Guidance with scale <var>s</var>:
          <var>ε̂</var> = <var>ε̂</var><sub>uncond</sub> + <var>s</var> · (<var>ε̂</var><sub>cond</sub> − <var>ε̂</var><sub>uncond</sub>).</li>
        <li>Scheduler (DDIM, no added noise): the clean guess
          <var>x̂</var><sub>0</sub> = (<var>x</var><sub>t</sub> − √(1 − ᾱ<sub>t</sub>) · <var>ε̂</var>) / √ᾱ<sub>t</sub>, then
          <var>x</var><sub>t′</sub> = √ᾱ<sub>t′</sub> · <var>x̂</var><sub>0</sub> + √(1 − ᾱ<sub>t′</sub>) · <var>ε̂</var>
          at the next, smaller timestep <var>t′</var>.</li>
        <li>Decoder: the image is <var>D</var><sub>VAE</sub>(<var>x</var><sub>0</sub> / <var>k</var>), where <var>k</var> is the
          VAE's scaling factor; f = 8 pixels per latent cell on each side.</li>
      </ol>
    </div>
  </details>`;
}

/** One stop of the guided tour: its anchor, heading and the paragraph that introduces it. */
export interface TourSection {
  readonly id: string;
  readonly title: string;
  readonly intro: string;
}

/** The tour's order: from the words, through the noise, to the image and what shapes it. */
export const TOUR_SECTIONS: readonly TourSection[] = [
  {
    id: 'tokens',
    title: '1. The words become numbers',
    intro: 'The text encoder splits the prompt into tokens and turns each into a vector. These vectors are all the denoiser ever sees of your words.',
  },
  {
    id: 'schedule',
    title: '2. How much noise, and when',
    intro: 'Training buries images in noise by a fixed schedule. Sampling walks it backwards: at every timestep the schedule says how much of the image should be left.',
  },
  {
    id: 'player',
    title: '3. Watch it paint',
    intro: 'From pure noise, each step predicts the noise, guesses the final image, and removes a little. Scrub through the steps: nothing is recomputed.',
  },
  {
    id: 'guidance',
    title: '4. How strongly to follow the prompt',
    intro: 'Guidance runs the model with and without the prompt and pushes past the difference. Same seed, same noise: only the guidance scale changes.',
  },
  {
    id: 'seeds',
    title: '5. What the seed decides',
    intro: 'The seed fixes the starting noise, and with it the composition. Keep the seed and change one word, and the picture tends to keep its layout.',
  },
  {
    id: 'trajectory',
    title: '6. The path through latent space',
    intro: 'Every step is a point in a space of a thousand dimensions or more. Projected to two, the guidance runs above leave from the same noise and part ways.',
  },
];

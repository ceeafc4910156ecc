/**
 * Passes a worker's messages to `onMessage`, and tells `onFailure` in one sentence when the
 * worker cannot go on: its script failed (or never loaded), or it sent a message that could not
 * be read. `description` names the worker in those sentences, e.g. "inference worker".
 */
export function listenToWorker<Reply>(worker: Worker, description: string, onMessage: (reply: Reply) => void, onFailure: (message: string) => void): void {
  worker.addEventListener('message', (event: MessageEvent<Reply>) => onMessage(event.data));
  worker.addEventListener('error', (event) => {
    event.preventDefault(); // reported through onFailure, not as an uncaught page error
    onFailure(`the ${description} failed: ${event.message || 'its script could not be loaded'}`);
  });
  worker.addEventListener('messageerror', () => onFailure(`the ${description} sent a message that could not be read`));
}

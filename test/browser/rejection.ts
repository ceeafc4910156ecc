import { expect } from '@open-wc/testing';

/** Settles to the rejection reason, or fails the test when `promise` fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return expect.fail('expected a rejection');
}

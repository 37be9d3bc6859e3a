// Waiting for slow deletions (instances terminating, NAT gateways, RDS, EKS, stacks): poll with
// backoff until the resource is gone, stopping at once when the run is stopped (Ctrl-C, --max-wait).

/** Poll timing; tests shorten it. */
export const pollSettings = { firstDelayMs: 2_000, maxDelayMs: 15_000 };

export class StoppedError extends Error {
  constructor(message = 'stopped before the deletion was confirmed') {
    super(message);
    this.name = 'StoppedError';
  }
}

/** Resolve after ms, or reject with StoppedError when the signal fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new StoppedError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Call `isGone` until it says true: at once, then after 2 s, 4 s, 8 s, 15 s, 15 s... Throws
 * StoppedError when the signal fires (the delete was accepted but not yet confirmed).
 */
export async function waitUntilGone(isGone: () => Promise<boolean>, signal?: AbortSignal): Promise<void> {
  let delay = pollSettings.firstDelayMs;
  for (;;) {
    if (signal?.aborted) throw new StoppedError();
    if (await isGone()) return;
    await sleep(delay, signal);
    delay = Math.min(delay * 2, pollSettings.maxDelayMs);
  }
}

/** true when the call fails with a "not found" error, false when it succeeds; other errors propagate. */
export async function isNotFound(call: () => Promise<unknown>, notFound: RegExp = /NotFound|NoSuch|does not exist|not found/i): Promise<boolean> {
  try {
    await call();
    return false;
  } catch (error) {
    const e = error as { name?: string; Code?: string; message?: string };
    if (notFound.test(e.name ?? '') || notFound.test(e.Code ?? '') || notFound.test(e.message ?? '')) return true;
    throw error;
  }
}

/**
 * Time from `now` to the next multiple of `interval` in epoch ms. Every page, frame and worker of a
 * browser agrees on these boundaries, so timers set with it fire together: ten widgets redraw in one
 * frame, and a worker's batch lands just before the page's flush.
 */
export function alignedDelay(interval: number, now = Date.now()): number {
  return interval - (((now % interval) + interval) % interval);
}

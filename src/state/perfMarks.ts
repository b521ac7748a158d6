/**
 * User Timing measures (`performance.measure`) named `altscope:…`, read by `bench/browser.ts`
 * to say where the time of a step goes. Only recording: nothing reads them back in the app, and
 * a runtime without User Timing simply records nothing.
 */
export const MEASURE_PREFIX = 'altscope:';

/** Record `name` as having run from `start` to now (both `performance.now()` times). */
export function recordMeasure(
  name: string,
  start: number,
  end = performance.now(),
  detail?: unknown,
): void {
  try {
    performance.measure(MEASURE_PREFIX + name, { start, end, detail });
  } catch {
    // Bad times (clock skew between worker and page): a missing measure, not a failure.
  }
}

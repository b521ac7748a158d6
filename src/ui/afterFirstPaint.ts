/**
 * Scheduling the heavy loads (iced-x86, Monaco) so first paint never waits for them: their
 * parse and compile would otherwise compete with the first render for the main thread.
 */

/**
 * Run `fn` once the next frame has painted (a task queued from `requestAnimationFrame` runs
 * after that frame). A background tab gets no frames: a timer runs it anyway.
 */
export function afterFirstPaint(fn: () => void, fallbackMs = 200): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    fn();
  };
  const fallback = setTimeout(run, fallbackMs);
  const frame = requestAnimationFrame(() => setTimeout(run, 0));
  return () => {
    done = true;
    clearTimeout(fallback);
    cancelAnimationFrame(frame);
  };
}

/** Run `fn` when the page is idle, at the latest after `timeoutMs`. */
export function whenIdle(fn: () => void, timeoutMs = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => fn(), { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, Math.min(timeoutMs, 50));
  return () => clearTimeout(id);
}

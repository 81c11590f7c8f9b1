/**
 * Resolves once the browser has painted what the DOM holds now: a task queued from
 * requestAnimationFrame runs after that frame. A hidden tab draws no frames, so a timer resolves it
 * there after `fallbackMs`.
 */
export function afterPaint(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

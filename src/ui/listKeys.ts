/**
 * Where a navigation key moves the active row of a list of `count` rows (arrows, Home/End,
 * PageUp/PageDown by `page` rows), clamped to the list; undefined for other keys or no rows.
 */
export function listKeyTarget(
  key: string,
  at: number,
  count: number,
  page: number,
): number | undefined {
  const moves: Record<string, number> = {
    ArrowDown: at + 1,
    ArrowUp: at - 1,
    Home: 0,
    End: count - 1,
    PageDown: at + page,
    PageUp: at - page,
  };
  const target = moves[key];
  if (target === undefined || count === 0) return undefined;
  return Math.max(0, Math.min(count - 1, target));
}

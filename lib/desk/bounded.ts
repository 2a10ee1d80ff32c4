// Lists kept in the reader's browser grow without asking: each has a bound.

/**
 * `list` with `items` appended (an item already present moves to the end),
 * keeping only the newest `max`: the oldest entries fall off the front.
 */
export function appendBounded<T>(list: readonly T[], items: readonly T[], max: number, keyOf: (item: T) => unknown = (item) => item): T[] {
  const incoming = new Set(items.map(keyOf));
  const kept = list.filter((item) => !incoming.has(keyOf(item)));
  const seen = new Set<unknown>();
  const added = items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const next = [...kept, ...added];
  return next.length > max ? next.slice(next.length - max) : next;
}

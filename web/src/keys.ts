/**
 * Pairs each item with a React key made from its content (`keyOf`), numbering repeats (`fever`, `fever#2`), so
 * lists of clinical records without ids get keys that stay stable when the list is re-read.
 */
export function withKeys<T>(items: readonly T[], keyOf: (item: T) => string): { item: T; key: string }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = keyOf(item);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { item, key: count === 1 ? base : `${base}#${count}` };
  });
}

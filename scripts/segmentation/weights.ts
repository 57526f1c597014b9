/**
 * Uniform average of the tensors of several weight maps of one architecture (same names and sizes): snapshot
 * averaging of one run's epochs (average.ts) and weight soups of several runs (soup.ts). Tensors named in `keep` are
 * taken from the first map unchanged (e.g. the mean outline, which is data, not a network weight).
 */
export function averageWeights(
  maps: readonly ReadonlyMap<string, Float32Array>[],
  keep: readonly string[] = [],
): Map<string, Float32Array> {
  const [first] = maps;
  if (!first) throw new Error('nothing to average');
  const out = new Map<string, Float32Array>();
  for (const [name, w] of first) {
    if (keep.includes(name)) {
      out.set(name, w);
      continue;
    }
    const sum = new Float32Array(w.length);
    for (const m of maps) {
      const x = m.get(name);
      if (!x || x.length !== w.length)
        throw new Error(`tensor ${name} differs between the networks averaged`);
      for (let i = 0; i < x.length; i++) sum[i] = (sum[i] as number) + (x[i] as number) / maps.length;
    }
    out.set(name, sum);
  }
  for (const m of maps)
    for (const name of m.keys())
      if (!first.has(name)) throw new Error(`tensor ${name} differs between the networks averaged`);
  return out;
}

import { readFileSync } from 'node:fs';

/**
 * The benchmarks `npm run bench` runs: every `bench:<name>` script of package.json of the form `tsx <file>`, in
 * package.json order with `selection` last (it summarises the others).
 */
export function benchmarkScripts(packageJson = 'package.json'): { name: string; file: string }[] {
  const scripts = (JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const out = Object.entries(scripts).flatMap(([key, command]) => {
    const name = /^bench:(.+)$/.exec(key)?.[1];
    const file = /^tsx (\S+\.ts)$/.exec(command)?.[1];
    if (!name) return [];
    if (!file) throw new Error(`script ${key} is not "tsx <file>.ts": ${command}`);
    return [{ name, file }];
  });
  return [...out.filter((b) => b.name !== 'selection'), ...out.filter((b) => b.name === 'selection')];
}

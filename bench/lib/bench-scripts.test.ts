import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchmarkScripts } from './bench-scripts.js';

describe('npm run bench', () => {
  it('runs every bench:<name> script, each pointing at a file that exists and writes its section', () => {
    const benches = benchmarkScripts();
    expect(benches.length).toBeGreaterThanOrEqual(5);
    for (const { name, file } of benches) {
      expect(existsSync(file), `bench:${name} → ${file}`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${file} writes docs/benchmarks.json`).toMatch(
        /updateBenchmarkSection\(/,
      );
    }
    expect(benches.at(-1)?.name).toBe('selection');
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.bench).toBe('tsx bench/run.ts');
    expect(existsSync('bench/run.ts')).toBe(true);
  });
});

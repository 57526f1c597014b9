import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');
/** Adapters: the only folders that may import the server and the CLI (and `src/index.ts`, the library entry). */
const ADAPTERS = ['server', 'cli', 'app', 'index.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g))
    specifiers.push(match[1]!);
  return specifiers;
}

describe('layering', () => {
  it('no domain module imports src/server/** or src/cli/** (the plugin contract comes from src/app/capability.ts)', () => {
    const domainFiles = sourceFiles(SRC).filter(
      (file) => !ADAPTERS.includes(relative(SRC, file).split('/')[0]!),
    );
    expect(domainFiles.length).toBeGreaterThan(50);
    const offences: string[] = [];
    for (const file of domainFiles) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = relative(SRC, join(file, '..', specifier)).split('/')[0];
        if (target === 'server' || target === 'cli')
          offences.push(`${relative(SRC, file)} imports ${specifier}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('the check sees an offending import', () => {
    expect(
      importsOf('import { x } from \'../server/problem.js\';\nexport * from "../cli/errors.js";'),
    ).toEqual(['../server/problem.js', '../cli/errors.js']);
  });
});

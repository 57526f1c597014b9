import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RED_FLAG_RULES } from './rules.js';

describe('docs/triage.md', () => {
  const doc = readFileSync(new URL('../../docs/triage.md', import.meta.url), 'utf8');
  it('lists every red-flag rule with its level and guidance', () => {
    for (const rule of RED_FLAG_RULES) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${rule.id}\` |`));
      expect(row, rule.id).toBeDefined();
      expect(row).toContain(`| ${rule.level} |`);
      expect(row).toContain(rule.citation);
    }
  });
});

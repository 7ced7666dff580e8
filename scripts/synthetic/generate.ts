/**
 * Seeded synthetic data for benchmarks and load tests: a data folder shaped
 * like data/ (reference/*.csv) describing made-up units and indices, and
 * canonical long CSVs of made-up figures. Every name says it is synthetic
 * ("tổng hợp", `SYN…`, `*-synthetic.csv`) so it can never pass for a published
 * figure. Same seed, same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

/** The size of a synthetic dataset: every unit has every component of every index every year. */
export interface SyntheticScale {
	units: number;
	indices: number;
	/** Components per index, the total included. */
	components: number;
	years: number;
}

/** The provinces' size: 63 units, 3 indices of about 10 components, 20 years. */
export const PROVINCE_SCALE: SyntheticScale = { units: 63, indices: 3, components: 10, years: 20 };
/** A nationwide commune survey: 10,000 units, 5 indices, 10 components, 15 years (7.5 M figures). */
export const COMMUNE_SCALE: SyntheticScale = { units: 10_000, indices: 5, components: 10, years: 15 };

/** The last year of every synthetic series (a finished year, so no import refuses it). */
export const LAST_YEAR = 2025;
/** The first year of a scale's series. */
export const firstYear = (s: SyntheticScale) => LAST_YEAR - s.years + 1;
export const SYNTHETIC_COHORT = 'synthetic';
/** Units a synthetic region holds (peer groups on the index pages). */
const UNITS_PER_REGION = 20;
const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';
const SOURCE = 'synthetic (scripts/synthetic/generate.ts)';

/** mulberry32: a small, fast, seeded PRNG; enough for made-up scores. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const unitCode = (i: number) => `SYN${pad(i + 1, 5)}`;
export const unitName = (i: number) => `Xã tổng hợp ${pad(i + 1, 5)}`;
export const indexId = (k: number) => `SYN${k + 1}`;
export const indexSlug = (k: number) => `syn-${k + 1}`;
export const componentId = (k: number, c: number) => (c === 0 ? 'total' : `syn${k + 1}_c${pad(c, 2)}`);

const csvLine = (cells: (string | number)[]) => cells.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(',');

/**
 * Writes `dir/reference/*.csv` for a synthetic scale: units in regions of 20,
 * indices `SYN1…` whose ranks are computed (not published), components
 * `total` + `synK_cNN`, and one plan (the directive's rule) for the first unit.
 */
export function writeSyntheticReference(dir: string, scale: SyntheticScale): void {
	const reference = path.join(dir, 'reference');
	fs.mkdirSync(reference, { recursive: true });
	fs.mkdirSync(path.join(dir, 'figures'), { recursive: true });
	const write = (name: string, header: string, rows: (string | number)[][]) =>
		fs.writeFileSync(path.join(reference, name), [header, ...rows.map(csvLine)].join('\n') + '\n');

	write(
		'units.csv',
		'code,name_vi,name_ascii,cohort,region_vi,region_en,valid_from,valid_to,successor_code,source',
		Array.from({ length: scale.units }, (_, i) => {
			const region = pad(Math.floor(i / UNITS_PER_REGION) + 1, 4);
			return [unitCode(i), unitName(i), `Xa tong hop ${pad(i + 1, 5)}`, SYNTHETIC_COHORT, `Vùng tổng hợp ${region}`, `Synthetic region ${region}`, '', '', '', SOURCE];
		})
	);
	write('unit-aliases.csv', 'alias,unit_code,source', []);
	write(
		'indices.csv',
		'id,slug,short_vi,short_en,name_vi,name_en,publisher_vi,publisher_en,cohort,publishes_ranks,max_total,first_year,source,total_rule',
		Array.from({ length: scale.indices }, (_, k) => [
			indexId(k), indexSlug(k), `Tổng hợp ${k + 1}`, `Synthetic ${k + 1}`, `Chỉ số tổng hợp ${k + 1}`, `Synthetic index ${k + 1}`,
			'Dữ liệu tổng hợp', 'Synthetic data', SYNTHETIC_COHORT, 'false', 100, firstYear(scale), SOURCE, ''
		])
	);
	write(
		'components.csv',
		'index,id,sort_order,name_vi,name_en,max_points,weight_pct,year_from,year_to,years_seen,source,note',
		Array.from({ length: scale.indices }, (_, k) =>
			Array.from({ length: scale.components }, (_, c) => [
				indexId(k), componentId(k, c), c, c === 0 ? `Điểm tổng hợp ${k + 1}` : `Thành phần tổng hợp ${c}`,
				c === 0 ? `Synthetic total ${k + 1}` : `Synthetic component ${c}`, c === 0 ? 100 : 10, '', '', '', '', SOURCE, ''
			])
		).flat()
	);
	write('component-aliases.csv', 'index,alias,component,role,source', []);
	write(
		'plans.csv',
		'plan_id,unit,indices,kind,baseline_year,first_step,yearly_step,horizon,issued_by,document,date,source,default_rule',
		[['synthetic-plan', unitCode(0), Array.from({ length: scale.indices }, (_, k) => indexId(k)).join('|'), 'rise',
			firstYear(scale) + 5, 5, 1, LAST_YEAR + 5, 'synthetic', 'synthetic', '', SOURCE, 'yes']]
	);
}

/** How many figures a scale holds. */
export const figureCount = (s: SyntheticScale) => s.units * s.indices * s.components * s.years;

/**
 * Writes the first `rows` figures of a scale as a canonical long CSV, in the
 * order index → year → component → unit, so that any prefix of whole tables
 * is a complete ranking. Scores have 4 decimals, like published tables.
 */
export async function writeSyntheticFigures(file: string, scale: SyntheticScale, options: { rows?: number; seed?: number } = {}): Promise<number> {
	const rows = Math.min(options.rows ?? figureCount(scale), figureCount(scale));
	const random = seededRandom(options.seed ?? 1);
	const out = fs.createWriteStream(file);
	const units = Array.from({ length: scale.units }, (_, i) => unitCode(i));
	let written = 0;
	let chunk: string[] = [HEADER];
	const flush = async () => {
		if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
		chunk = [];
	};
	outer: for (let k = 0; k < scale.indices; k++) {
		for (let y = 0; y < scale.years; y++) {
			for (let c = 0; c < scale.components; c++) {
				const max = c === 0 ? 100 : 10;
				for (const unit of units) {
					if (written === rows) break outer;
					const score = Math.round((0.2 + 0.75 * random()) * max * 10_000) / 10_000;
					chunk.push(`${indexId(k)},${firstYear(scale) + y},${unit},${componentId(k, c)},${score},,,published,,`);
					written++;
					if (chunk.length >= 20_000) await flush();
				}
			}
		}
	}
	await flush();
	out.end();
	await once(out, 'finish');
	return written;
}

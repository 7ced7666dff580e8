/**
 * Test helper: a synthetic PAPI 2022 and 2023 table for the 63 provinces in
 * which Kon Tum misses the directive's 2023 target, for the what-if tests
 * (CLI and briefing). The k-th other province (in data/reference/units.csv
 * order) scores 60 − 0.1k both years. Kon Tum scores 55.05 in 2022: 50 others
 * (60 … 55.1) above → 51st, so its 2023 target is 51 − 5 = 46th. In 2023 its
 * eight dimensions 6, 6, 6, 8, 8, 8, 6, 7 sum to 55: 50 others above, one tie
 * (55.0) → 51st, missed. 46th needs the 46th other's 60 − 0.1 × 45 = 55.5.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCsv } from '../../src/lib/server/import/read-csv.ts';

/** Writes the table to a temporary file named synthetic-… and returns its path. */
export function writeSyntheticPapi(): string {
	const units = parseCsv(fs.readFileSync(path.resolve(import.meta.dirname, '../../data/reference/units.csv'), 'utf8'))
		.rows.map((r) => r.cells)
		.filter((u) => !u.valid_from);
	if (units.length !== 63) throw new Error(`expected the 63 provinces before 2025, got ${units.length}`);
	const lines = ['index,year,unit,component,score,rank,rank_of,value_type,source,note'];
	const others = units.filter((u) => u.code !== '62');
	for (const year of [2022, 2023]) {
		others.forEach((u, k) => lines.push(`PAPI,${year},${u.name_vi},,${(60 - 0.1 * k).toFixed(1)},,,published,synthetic,`));
	}
	lines.push('PAPI,2022,Kon Tum,,55.05,,,published,synthetic,');
	lines.push('PAPI,2023,Kon Tum,,55,,,published,synthetic,');
	[6, 6, 6, 8, 8, 8, 6, 7].forEach((v, i) => lines.push(`PAPI,2023,Kon Tum,papi_d${i + 1},${v},,,published,synthetic,`));
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-what-if-')), 'synthetic-papi-2022-2023-whatif.csv');
	fs.writeFileSync(file, lines.join('\n'));
	return file;
}

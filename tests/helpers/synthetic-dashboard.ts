/**
 * Test helper: a database with made-up PCI figures whose ranks, targets and
 * medians are easy to work out by hand. Reference data is the real one.
 *
 * - PCI totals 2022 and 2023 for all 63 provinces: the k-th province in code
 *   order scores 80 − k (80, 79, …, 18); Kon Tum (code 62, k = 39) instead
 *   scores 60.5 in 2022 (20 provinces above it: 21st) and 64.5 in 2023 (16 above: 17th).
 * - PCI 2024 from "a news page": Kon Tum's published rank 10 of 63, and two
 *   other provinces' scores: far from a whole table.
 * - PCI 2023 sub-index 1 for every province (k-th: 10 − k / 10, Kon Tum 5) and
 *   sub-index 3 for Kon Tum and four others only.
 */
import { query } from '../../src/lib/server/db.ts';
import { ensureDatabase } from '../../src/lib/server/setup.ts';
import { importFile } from '../../src/lib/server/import/pipeline.ts';
import { useTempDatabase, writeTempFile } from './temp-db.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';
export const KON_TUM = '62';
export const SYNTHETIC_FILE = 'synthetic-dashboard-pci.csv';

/** Builds the database described above in a temporary file (call in `beforeAll`). */
export async function syntheticDashboardDatabase(label: string): Promise<void> {
	useTempDatabase(label);
	await ensureDatabase({ empty: true });
	const codes = (await query<{ code: string }>('SELECT code FROM units WHERE valid_from IS NULL ORDER BY code')).map((u) => u.code);
	const totals = (year: number, konTum: number) => codes.map((c, k) => `PCI,${year},${c},,${c === KON_TUM ? konTum : 80 - k},,,,,`);
	const lines = [
		...totals(2022, 60.5),
		...totals(2023, 64.5),
		`PCI,2024,${KON_TUM},,,10,63,,,`,
		'PCI,2024,01,,70,,,,,',
		'PCI,2024,79,,69,,,,,',
		...codes.map((c, k) => `PCI,2023,${c},pci_s1,${c === KON_TUM ? 5 : 10 - k / 10},,,,,`),
		...[KON_TUM, '01', '79', '64', '66'].map((c, k) => `PCI,2023,${c},pci_s3,${6 + k / 10},,,,,`)
	];
	await importFile({ file: writeTempFile(SYNTHETIC_FILE, [HEADER, ...lines].join('\n')), importedBy: 'test' });
}

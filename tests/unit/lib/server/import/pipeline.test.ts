import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../../src/lib/server/import/pipeline.ts';
import { undoBatch } from '../../../../../src/lib/server/import/batches.ts';
import { ImportError, formatProblem, type ImportProblem } from '../../../../../src/lib/domain/import-problems.ts';
import { actor } from '../../../../helpers/actor.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';

beforeAll(async () => {
	useTempDatabase('pipeline');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

const snapshot = () => query('SELECT * FROM observations ORDER BY ALL').then((rows) => JSON.stringify(rows));

async function problemsOf(name: string, content: string): Promise<ImportProblem[]> {
	const before = await snapshot();
	const error = await importFile({ file: writeTempFile(name, content), importedBy: 'test' }).catch((e) => e);
	expect(error).toBeInstanceOf(ImportError);
	expect(await snapshot()).toBe(before);
	return (error as ImportError).problems;
}

describe('importFile (canonical CSV)', () => {
	it('imports names, aliases and codes, with decimal commas, as one batch', async () => {
		const file = writeTempFile(
			'synthetic-good.csv',
			`${HEADER}\nPCI,2019,KON TUM,,63.5351,56,63,published,https://example.org/pci,\nPCI,2019,BRVT,pci_s1,"7,25",,,published,,\nPAPI,2019,01,,44.5,,,,,\n`
		);
		const result = await importFile({ file, importedBy: 'test', source: 'synthetic test' });
		expect(result).toMatchObject({ status: 'committed', rows: 3, rowsNew: 3, rowsUnchanged: 0 });
		const rows = await query<{ unit_code: string; component_id: string; score: number }>(
			'SELECT unit_code, component_id, score FROM observations WHERE batch_id = $1 ORDER BY unit_code',
			[result.batchId!]
		);
		expect(rows).toEqual([
			{ unit_code: '01', component_id: 'total', score: 44.5 },
			{ unit_code: '62', component_id: 'total', score: 63.5351 },
			{ unit_code: '77', component_id: 'pci_s1', score: 7.25 }
		]);
	});

	it('re-importing the same file is a no-op that says so', async () => {
		const content = `${HEADER}\nPCI,2018,Kon Tum,,60.6276,59,63,published,,\n`;
		const first = await importFile({ file: writeTempFile('synthetic-same.csv', content), importedBy: 'test' });
		const again = await importFile({ file: writeTempFile('synthetic-same.csv', content), importedBy: 'test' });
		expect(again.status).toBe('already_imported');
		expect(again.batchId).toBe(first.batchId);
	});

	it('an unknown unit names the row and column and suggests the closest names', async () => {
		const [problem] = await problemsOf('synthetic-unknown-unit.csv', `${HEADER}\nPCI,2019,Kon Tun,,60,,,,,\n`);
		expect(problem).toMatchObject({ row: 2, column: 'unit', value: 'Kon Tun', code: 'unknown_unit' });
		expect(formatProblem(problem, 'vi')).toContain('Kon Tum');
		expect(formatProblem(problem, 'en')).toBe(
			`File synthetic-unknown-unit.csv, row 2, column “unit”: unknown unit; closest names: ${problem.params!.suggestions} (value: “Kon Tun”)`
		);
	});

	it('a non-numeric score is refused with row, column and value', async () => {
		const problems = await problemsOf('synthetic-bad-number.csv', `${HEADER}\nPCI,2019,Kon Tum,,60,,,,,\nPCI,2019,Gia Lai,,sáu mươi,,,,,\n`);
		expect(problems).toEqual([expect.objectContaining({ row: 3, column: 'score', value: 'sáu mươi', code: 'number' })]);
	});

	it('a wrong header is refused before any row is read', async () => {
		const [problem] = await problemsOf('synthetic-wrong-header.csv', 'tinh,nam,diem\nKon Tum,2019,60\n');
		expect(problem).toMatchObject({ row: 1, code: 'missing_columns' });
		expect(problem.params!.columns).toBe('index, year, unit, score, rank');
	});

	it('reports every problem of a file together, not only the first', async () => {
		const problems = await problemsOf(
			'synthetic-many.csv',
			`${HEADER}\nPCI,2019,Kon Tum,,101,,,,,\nPCI,2019,Kon Tum,pci_s99,5,,,,,\nXYZ,2019,Kon Tum,,5,,,,,\nPCI,2019,Gia Lai,,,0,,,,\n`
		);
		expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
			[2, 'score', 'score_range'],
			[3, 'component', 'unknown_component'],
			[4, 'index', 'unknown_index'],
			[5, 'rank', 'positive_integer']
		]);
	});

	it('refuses two rows with the same key', async () => {
		const problems = await problemsOf('synthetic-duplicate.csv', `${HEADER}\nPCI,2019,Kon Tum,,60,,,,,\nPCI,2019,KonTum,,61,,,,,\n`);
		expect(problems).toEqual([expect.objectContaining({ row: 3, code: 'duplicate', params: { other: 2 } })]);
	});

	it('a changed figure stops the import unless --replace, and the old value goes to history', async () => {
		const content = (score: string) => `${HEADER}\nPCI,2016,Kon Tum,,${score},,,,,\n`;
		await importFile({ file: writeTempFile('synthetic-v1.csv', content('56.2662')), importedBy: 'test' });
		const problems = await problemsOf('synthetic-v2.csv', content('57'));
		expect(problems).toEqual([expect.objectContaining({ row: 2, code: 'conflict', params: { figure: 'PCI 2016 total', old: '56.2662', new: '57' } })]);
		const replaced = await importFile({ file: writeTempFile('synthetic-v2.csv', content('57')), importedBy: 'test', replace: true });
		expect(replaced.changed).toHaveLength(1);
		const history = await query('SELECT score FROM observation_history WHERE replaced_by_batch = $1', [replaced.batchId!]);
		expect(history).toEqual([{ score: 56.2662 }]);
	});

	it('binary garbage is refused as not text', async () => {
		const problems = await problemsOf('synthetic-garbage.csv', Buffer.from([0x00, 0xff, 0xfe, 0x01, 0x80]).toString('latin1'));
		expect(problems[0].code).toBe('not_text');
	});

	it('a changed figure in a wide table is named by its row and published column header', async () => {
		const table = (score: string) => `Province;Sub-Index 1: Entry Costs;Sub-Index 2: Land Access & Tenure\nKon Tum;6,5;${score}\n`;
		await importFile({ file: writeTempFile('synthetic-wide-v1.csv', table('7')), indexId: 'PCI', year: 2017, importedBy: 'test' });
		const error = await importFile({ file: writeTempFile('synthetic-wide-v2.csv', table('7,25')), indexId: 'PCI', year: 2017, importedBy: 'test' }).catch((e) => e);
		expect((error as ImportError).problems).toEqual([
			expect.objectContaining({ row: 2, column: 'Sub-Index 2: Land Access & Tenure', code: 'conflict', params: { figure: 'PCI 2017 pci_s2', old: '7', new: '7.25' } })
		]);
	});
});

describe('importFile (bounds)', () => {
	const BOUND_HEADER = `${HEADER},rank_min,rank_max,score_min,score_max,group`;

	it('stores a bound (rank 31–63 of 63) as a row without score or rank, and a bound on a stored figure it fits as unchanged', async () => {
		const result = await importFile({
			file: writeTempFile('synthetic-bound.csv', `${BOUND_HEADER}\nPCI,2023,Kon Tum,,,,63,derived,https://example.org/b,outside the top 30,31,63,,,outside the top 30\n`),
			importedBy: 'test'
		});
		expect(result).toMatchObject({ status: 'committed', rowsNew: 1 });
		const [row] = await query('SELECT score, published_rank, published_n, rank_min, rank_max, bound_group FROM observations WHERE index_id = \'PCI\' AND year = 2023 AND unit_code = \'62\'');
		expect(row).toEqual({ score: null, published_rank: null, published_n: 63, rank_min: 31, rank_max: 63, bound_group: 'outside the top 30' });

		const fits = await importFile({
			file: writeTempFile('synthetic-bound-fits.csv', `${BOUND_HEADER}\nPCI,2018,Kon Tum,,,,63,,,,31,63,,,\n`),
			importedBy: 'test'
		});
		expect(fits).toMatchObject({ rowsNew: 0, rowsUnchanged: 1, rowsChanged: 0 });
	});

	it('refuses a bound that contradicts a stored figure, naming both (Kon Tum PCI 2018 is 59th: not in the top 30)', async () => {
		const [problem] = await problemsOf('synthetic-bound-contradicts.csv', `${BOUND_HEADER}\nPCI,2018,Kon Tum,,,,63,,,,1,30,,,\n`);
		expect(problem).toMatchObject({ row: 2, code: 'bound_conflict', params: { bound: '#1–30/63', value: '60.6276 #59/63' } });
		expect(formatProblem(problem, 'en')).toContain('the bound #1–30/63 contradicts the figure 60.6276 #59/63');
	});

	it('refuses a figure that contradicts a stored bound, and a figure and bound in the same row that contradict', async () => {
		const [stored] = await problemsOf('synthetic-figure-contradicts.csv', `${HEADER}\nPCI,2023,Kon Tum,,,12,63,,,\n`);
		expect(stored).toMatchObject({ code: 'bound_conflict', params: { bound: '#31–63/63 [outside the top 30]', value: '#12/63' } });
		const [row] = await problemsOf('synthetic-row-contradicts.csv', `${BOUND_HEADER}\nPCI,2021,Kon Tum,,50,,,,,,,,55,,\n`);
		expect(row).toMatchObject({ row: 2, column: 'score', code: 'bound_contradicts', params: { figure: '50', bound: '≥55' } });
	});

	it('refuses a bound whose ends are reversed, and a row with neither figure nor bound', async () => {
		const problems = await problemsOf('synthetic-bound-order.csv', `${BOUND_HEADER}\nPCI,2021,Kon Tum,,,,63,,,,40,31,,,\nPCI,2021,Gia Lai,,,,,,,,,,,,\n`);
		expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([[2, 'rank_max', 'bound_order'], [3, 'score', 'empty_figure']]);
	});

	it('a figure inside a stored bound settles it without --replace; undo puts the bound back', async () => {
		const result = await importFile({ file: writeTempFile('synthetic-settles.csv', `${HEADER}\nPCI,2023,Kon Tum,,61.5,40,63,,,\n`), importedBy: 'test' });
		expect(result).toMatchObject({ status: 'committed', rowsChanged: 1 });
		expect(result.changed[0]).toMatchObject({ settles: true, old: { bound: '#31–63/63 [outside the top 30]' }, new: { score: 61.5, rank: 40 } });
		await undoBatch(result.batchId!, actor('lan'));
		const [row] = await query('SELECT score, rank_min, rank_max FROM observations WHERE index_id = \'PCI\' AND year = 2023 AND unit_code = \'62\'');
		expect(row).toEqual({ score: null, rank_min: 31, rank_max: 63 });
	});
});

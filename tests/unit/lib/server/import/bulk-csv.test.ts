/**
 * The bulk path (canonical CSV validated inside DuckDB) reports exactly what the
 * row path (`validateCanonicalRows` on Papa's rows) reports for the same file,
 * numbers rows as a spreadsheet does even around blank lines, caps the list of
 * problems, and never leaves two stored figures with the same key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../../src/lib/server/import/pipeline.ts';
import { blankLineShifts } from '../../../../../src/lib/server/import/bulk-csv.ts';
import { parseCsv } from '../../../../../src/lib/server/import/read-csv.ts';
import { undoBatch } from '../../../../../src/lib/server/import/batches.ts';
import { loadCatalogue, loadUnitMatcher } from '../../../../../src/lib/server/reference.ts';
import { validateCanonicalRows } from '../../../../../src/lib/domain/validate-rows.ts';
import { ImportError, formatProblem, type ImportProblem } from '../../../../../src/lib/domain/import-problems.ts';
import { actor } from '../../../../helpers/actor.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';

beforeAll(async () => {
	useTempDatabase('bulk-csv');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

/** The problems importFile (bulk path) reports for a file. */
async function bulkProblems(name: string, content: string): Promise<ImportProblem[]> {
	const error = await importFile({ file: writeTempFile(name, content), importedBy: 'test' }).catch((e) => e);
	expect(error).toBeInstanceOf(ImportError);
	return (error as ImportError).problems;
}

/** The problems the row validator reports for the same text. */
async function rowProblems(name: string, content: string): Promise<ImportProblem[]> {
	const reference = { ...(await loadCatalogue()), units: await loadUnitMatcher() };
	return validateCanonicalRows(parseCsv(content).rows, { file: name, ...reference }).problems;
}

describe('the bulk path reports the same problems as the row path', () => {
	it('for a file with every kind of bad cell, a duplicate, and good rows between', async () => {
		const content = [
			HEADER,
			'PCI,2019,Kon Tum,,63.5351,56,63,,,', // good
			',2019,Kon Tum,,60,,,,,', // required index
			'PCI,19,Gia Lai,,60,,,,,', // year format
			'PCI,1980,Gia Lai,,60,,,,,', // year range
			'PCI,2019,Kon Tumm,,60,,,,,', // unknown unit
			'PCI,2019,Gia Lai,pci_s99,5,,,,,', // unknown component
			'PCI,2019,Gia Lai,,"60,1,2",,,,,', // not a number
			'PCI,2019,Gia Lai,, 61.5 ,,,,,', // a number with spaces: good
			'PCI,2019,Đắk Lắk,,101,,,,,', // score range
			'PCI,2019,Lâm Đồng,,-1,,,,,', // score range
			'PCI,2019,Bình Phước,,60,0,,,,', // positive integer
			'PCI,2019,Bình Dương,,60,64,63,,,', // rank range
			'PCI,2019,Đồng Nai,,,,,,,', // empty figure
			'PCI,2019,Tây Ninh,,60,,,guessed,,', // value type
			'XYZ,2019,Long An,,60,,,,,', // unknown index
			'PCI,2019,KON TUM,,64,,,,,', // duplicate of row 2
			'XYZ,19,Nowhere,,abc,0,,odd,,' // six problems in one row
		].join('\n');
		const bulk = await bulkProblems('synthetic-every-problem.csv', content);
		expect(bulk).toEqual(await rowProblems('synthetic-every-problem.csv', content));
		expect(bulk.map((p) => [p.row, p.column, p.code])).toEqual([
			[3, 'index', 'required'],
			[4, 'year', 'year'],
			[5, 'year', 'year_range'],
			[6, 'unit', 'unknown_unit'],
			[7, 'component', 'unknown_component'],
			[8, 'score', 'number'],
			[10, 'score', 'score_range'],
			[11, 'score', 'score_range'],
			[12, 'rank', 'positive_integer'],
			[13, 'rank', 'rank_range'],
			[14, 'score', 'empty_figure'],
			[15, 'value_type', 'value_type'],
			[16, 'index', 'unknown_index'],
			[17, 'unit', 'duplicate'],
			[18, 'year', 'year'],
			[18, 'score', 'number'],
			[18, 'rank', 'positive_integer'],
			[18, 'value_type', 'value_type'],
			[18, 'index', 'unknown_index'],
			[18, 'unit', 'unknown_unit']
		]);
	});

	it('for a semicolon file with decimal commas and a BOM', async () => {
		const content = '\uFEFFindex;year;unit;score;rank\r\nPCI;2019;Kon Tum;63,5351;56\r\nPCI;2019;Gia Lai;6O,5;\r\n';
		const bulk = await bulkProblems('synthetic-semicolon.csv', content);
		expect(bulk).toEqual(await rowProblems('synthetic-semicolon.csv', content));
		expect(bulk).toEqual([expect.objectContaining({ row: 3, column: 'score', value: '6O,5', code: 'number' })]);
	});

	it('counting blank lines as a spreadsheet does (DuckDB skips them)', async () => {
		const lines = [HEADER, '', 'PCI,2019,Kon Tum,,60,,,,,', '', '', ',,,,,,,,,', 'PCI,2019,Gia Lai,,abc,,,,,', '', 'PCI,2019,Gia Laii,,60,,,,,', '', ''];
		for (const [name, content] of [['synthetic-blank-lines.csv', lines.join('\n')], ['synthetic-blank-lines-crlf.csv', lines.join('\r\n')]]) {
			const bulk = await bulkProblems(name, content);
			expect(bulk).toEqual(await rowProblems(name, content));
			expect(bulk.map((p) => [p.row, p.code])).toEqual([
				[7, 'number'],
				[9, 'unknown_unit']
			]);
		}
	});

	it('for units written as their codes (resolved in SQL), in years they existed and not, and a code and a name of one unit', async () => {
		const content = [
			HEADER,
			'PCI,2019,08,,60,,,,,', // Tuyên Quang by its code: good
			'PCI,2025,08,,60,,,,,', // merged on 1 July 2025: not a unit on 31 December 2025
			'PCI,2019,2025-tuyen-quang,,60,,,,,', // the merged unit did not exist yet
			'PCI,2025,2025-tuyen-quang,,61,,,,,', // good
			'PCI,2019, 04 ,,60,,,,,', // a code with spaces around: the matcher trims it, good
			'PCI,2019,Tuyên Quang,,62,,,,,', // row 2's unit by its name: duplicate
			'PCI,2019,99,,60,,,,,' // no such code
		].join('\n');
		const bulk = await bulkProblems('synthetic-unit-codes.csv', content);
		expect(bulk).toEqual(await rowProblems('synthetic-unit-codes.csv', content));
		expect(bulk.map((p) => [p.row, p.column, p.code])).toEqual([
			[3, 'unit', 'unit_year'],
			[4, 'unit', 'unit_year'],
			[7, 'unit', 'duplicate'],
			[8, 'unit', 'unknown_unit']
		]);
	});

	it('for a ragged file DuckDB will not read strictly (read the lenient way)', async () => {
		const content = `${HEADER}\nPCI,2019,Kon Tum,,60\nPCI,2019,Gia Lai,,abc,,,,,\n`;
		const bulk = await bulkProblems('synthetic-ragged.csv', content);
		expect(bulk).toEqual(await rowProblems('synthetic-ragged.csv', content));
		expect(bulk).toEqual([expect.objectContaining({ row: 3, code: 'number' })]);
	});
});

describe('problems of a systematically wrong file', () => {
	it('lists the first 1,000 and counts the rest, in both languages', async () => {
		const lines = Array.from({ length: 1200 }, (_, i) => `PCI,2019,Kon Tum,pci_x${i},5,,,,,`);
		const problems = await bulkProblems('synthetic-1200-bad.csv', [HEADER, ...lines].join('\n'));
		expect(problems).toHaveLength(1001);
		expect(problems[999]).toMatchObject({ row: 1001, column: 'component', code: 'unknown_component' });
		expect(problems[1000]).toMatchObject({ code: 'too_many_problems', params: { shown: 1000, more: 200 } });
		expect(formatProblem(problems[1000], 'en')).toBe('File synthetic-1200-bad.csv: only the first 1000 problems are listed; 200 more are not');
		expect(formatProblem(problems[1000], 'vi')).toBe('Tệp synthetic-1200-bad.csv: chỉ liệt kê 1000 lỗi đầu tiên; còn 200 lỗi nữa không được liệt kê');
	});
});

describe('blankLineShifts', () => {
	it('says which rows follow blank lines, and how many precede them, ignoring blank lines inside quotes', () => {
		const text = 'h\na\n\nb\n"c\n\nc"\n\r\n\nd\n\n';
		// rows: a (0), b (1, after 1 blank), c (2, spans a quoted blank line), d (3, after 3 blanks)
		expect(blankLineShifts(Buffer.from(text))).toEqual([
			{ ordinal: 1, shift: 1 },
			{ ordinal: 3, shift: 3 }
		]);
		expect(blankLineShifts(Buffer.from('h\na\nb\n\n\n'))).toEqual([]);
	});
});

describe('no two stored figures share a key (observations has no primary key since migration 6)', () => {
	const keysAreUnique = async () => {
		const [row] = await query<{ rows: number; keys: number }>(
			'SELECT count(*)::INTEGER AS rows, count(DISTINCT (index_id, year, unit_code, component_id))::INTEGER AS keys FROM observations'
		);
		return row.rows === row.keys;
	};

	it('after importing, re-importing, replacing and undoing', async () => {
		const file = (name: string, score: string) =>
			writeTempFile(name, `${HEADER}\nPAPI,2018,Kon Tum,,${score},,,,,\nPAPI,2018,Gia Lai,,40,,,,,\n`);
		await importFile({ file: file('synthetic-key-a.csv', '41'), importedBy: 'test' });
		expect(await keysAreUnique()).toBe(true);
		const same = await importFile({ file: file('synthetic-key-b.csv', '41'), importedBy: 'test' });
		expect(same).toMatchObject({ rowsNew: 0, rowsUnchanged: 2, rowsChanged: 0 });
		expect(await keysAreUnique()).toBe(true);
		const replaced = await importFile({ file: file('synthetic-key-c.csv', '42'), importedBy: 'test', replace: true });
		expect(replaced).toMatchObject({ rowsNew: 0, rowsUnchanged: 1, rowsChanged: 1 });
		expect(await keysAreUnique()).toBe(true);
		await undoBatch(replaced.batchId!, actor('lan'));
		expect(await keysAreUnique()).toBe(true);
		expect(await query("SELECT score FROM observations WHERE index_id = 'PAPI' AND year = 2018 AND unit_code = '62'")).toEqual([{ score: 41 }]);
		const constraints = await query(
			"SELECT constraint_type FROM duckdb_constraints() WHERE table_name = 'observations' AND constraint_type = 'PRIMARY KEY'"
		);
		expect(constraints).toEqual([]);
	});
});

/**
 * Readers: turn a file's bytes into grids of cells, whatever the format:
 * CSV (any delimiter, BOM or not), .xlsx (every sheet, via exceljs), Parquet
 * (DuckDB reads it natively) and Arrow IPC (.arrow/.feather, via apache-arrow).
 * Called by the import pipeline; knows nothing of indices or units.
 */
import type ExcelJS from 'exceljs';
import { ImportError } from '../../domain/import-problems.ts';
import type { Cell } from '../../domain/wide-table.ts';
import { withConnection } from '../db.ts';
import { parseCsvGrid } from './read-csv.ts';
import { checkZip, contentName, oleKind } from './containers.ts';

export type TableFormat = 'csv' | 'xlsx' | 'parquet' | 'arrow';

export interface SheetGrid {
	/** Worksheet name; null for formats without sheets. */
	name: string | null;
	/** Row i is spreadsheet row i + 1. */
	rows: Cell[][];
	/** A worksheet hidden in Excel (helper tables, lookups): never chosen on its own when a visible one reads. */
	hidden?: boolean;
}

/** Picks the format from the first bytes, falling back on the file extension. */
export function detectFormat(bytes: Buffer, fileName: string): TableFormat {
	const head = bytes.subarray(0, 8).toString('latin1');
	if (head.startsWith('PK\u0003\u0004')) return 'xlsx';
	if (head.startsWith('PAR1')) return 'parquet';
	if (head.startsWith('ARROW1') || bytes.subarray(0, 4).equals(Buffer.from([0xff, 0xff, 0xff, 0xff]))) return 'arrow';
	const extension = fileName.toLowerCase().split('.').pop();
	if (extension === 'xlsx') return 'xlsx';
	if (extension === 'parquet') return 'parquet';
	if (extension === 'arrow' || extension === 'feather') return 'arrow';
	return 'csv';
}

/** Reads every sheet of a file; throws ImportError when the bytes are not what they claim to be. */
export async function readSheets(file: string, bytes: Buffer, fileName: string): Promise<{ format: TableFormat; sheets: SheetGrid[] }> {
	if (bytes.length === 0) throw new ImportError([{ file: fileName, row: 1, code: 'empty_file' }]);
	// Old and hostile containers are refused by their bytes, before any library reads them.
	const ole = oleKind(bytes);
	if (ole) throw new ImportError([{ file: fileName, code: ole }]);
	const format = detectFormat(bytes, fileName);
	if (format === 'xlsx') {
		const zip = bytes.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004';
		const problem = zip ? checkZip(bytes) : { code: 'not_xlsx' as const, params: { found: contentName(bytes) } };
		if (problem) throw new ImportError([{ file: fileName, ...problem }]);
	}
	if (format === 'csv') return { format, sheets: [{ name: null, rows: readCsv(bytes, fileName) }] };
	try {
		if (format === 'xlsx') return { format, sheets: await readXlsx(bytes) };
		if (format === 'parquet') return { format, sheets: [{ name: null, rows: await readParquet(file) }] };
		return { format, sheets: [{ name: null, rows: await readArrow(bytes) }] };
	} catch (error) {
		// A zip that passed the checks and still fails is damaged; the library's wording (English, web addresses) is not shown.
		if (format === 'xlsx') throw new ImportError([{ file: fileName, code: 'damaged_xlsx' }]);
		const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
		throw new ImportError([{ file: fileName, code: 'unreadable', params: { format, reason } }]);
	}
}

function readCsv(bytes: Buffer, fileName: string): Cell[][] {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new ImportError([{ file: fileName, row: lineOfFirstInvalidByte(bytes), code: 'not_text' }]);
	}
	const nul = text.indexOf('\u0000');
	if (nul >= 0) throw new ImportError([{ file: fileName, row: text.slice(0, nul).split('\n').length, code: 'not_text' }]);
	return parseCsvGrid(text);
}

/** The line of the first byte that is not UTF-8, so that the analyst can find it. */
function lineOfFirstInvalidByte(bytes: Buffer): number {
	let low = 0;
	let high = bytes.length;
	const decoder = new TextDecoder('utf-8', { fatal: true });
	const valid = (n: number) => {
		try {
			decoder.decode(bytes.subarray(0, n), { stream: true });
			return true;
		} catch {
			return false;
		}
	};
	// The longest valid prefix, by bisection (a prefix of valid UTF-8 stays valid in stream mode).
	while (low < high) {
		const mid = Math.ceil((low + high) / 2);
		if (valid(mid)) low = mid;
		else high = mid - 1;
	}
	let line = 1;
	for (let i = 0; i < low; i++) if (bytes[i] === 0x0a) line++;
	return line;
}

function cellOf(value: ExcelJS.CellValue): Cell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number' || typeof value === 'string') return value;
	if (typeof value === 'boolean') return String(value);
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if ('result' in value) return cellOf(value.result as ExcelJS.CellValue);
	if ('richText' in value) return value.richText.map((part) => part.text).join('');
	if ('text' in value) return String(value.text);
	if ('error' in value) return String(value.error);
	return null;
}

async function readXlsx(bytes: Buffer): Promise<SheetGrid[]> {
	// Loaded when a workbook comes, not at start: loading exceljs costs every process (server, each
	// CLI command) a few hundred milliseconds that only an .xlsx import needs (issue 16 profile).
	const { default: Excel } = await import('exceljs');
	const workbook = new Excel.Workbook();
	await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
	return workbook.worksheets.map((sheet) => {
		const rows: Cell[][] = [];
		sheet.eachRow({ includeEmpty: false }, (row, number) => {
			const values = row.values as ExcelJS.CellValue[];
			rows[number - 1] = values.slice(1).map(cellOf);
		});
		return { name: sheet.name, rows: Array.from(rows, (r) => r ?? []), hidden: sheet.state !== 'visible' };
	});
}

const plain = (value: unknown): Cell =>
	value === null || value === undefined
		? null
		: typeof value === 'number' || typeof value === 'string'
			? value
			: typeof value === 'bigint'
				? Number(value)
				: String(value);

async function readParquet(file: string): Promise<Cell[][]> {
	return withConnection(async (connection) => {
		const reader = await connection.runAndReadAll('SELECT * FROM read_parquet($1)', [file]);
		return [reader.columnNames(), ...reader.getRowsJS().map((row) => row.map(plain))];
	});
}

async function readArrow(bytes: Buffer): Promise<Cell[][]> {
	// Loaded when an Arrow file comes, as exceljs is: every process paid about 0.1 s of CPU at start for it.
	const { tableFromIPC } = await import('apache-arrow');
	const table = tableFromIPC(bytes);
	const names = table.schema.fields.map((f) => f.name);
	const columns = names.map((_, j) => table.getChildAt(j)!);
	const rows: Cell[][] = [names];
	for (let i = 0; i < table.numRows; i++) rows.push(columns.map((c) => plain(c.get(i))));
	return rows;
}

/**
 * Reads CSV text as published: UTF-8 with or without BOM, any common delimiter
 * (comma, semicolon from Vietnamese Excel, tab; never '|', which appears inside cells), quoted cells. Rows are numbered
 * as a spreadsheet shows them: the header is row 1.
 */
import Papa from 'papaparse';
import type { SourceRow } from '../../domain/validate-rows.ts';
import { formatExact } from '../../domain/numbers.ts';

export interface CsvTable {
	header: string[];
	rows: SourceRow[];
}

/** Parses CSV text into its lines of cells, the BOM dropped; grid row i is line i + 1. */
export function parseCsvGrid(text: string): string[][] {
	const clean = withoutBom(text);
	// Empty lines are kept so that grid row i stays line i + 1.
	return Papa.parse<string[]>(clean, { delimiter: guessDelimiter(clean), skipEmptyLines: false }).data;
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The delimiter of CSV text (comma, semicolon or tab), guessed from its first 100 lines. */
export function guessDelimiter(text: string): string {
	// Guess on non-empty lines only: Papa counts an empty last line as a row of one
	// field, which defeats the guess on a two-column table ("Kon Tum;63,5351").
	return Papa.parse<string[]>(withoutBom(text), { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: 'greedy', preview: 100 }).meta.delimiter;
}

/** Turns a grid whose first line is a header into numbered rows keyed by header names. Blank lines are skipped. */
export function gridToRows(grid: (string | number | null)[][]): CsvTable {
	const [headerCells = [], ...body] = grid;
	const cellText = (c: string | number | null) => (typeof c === 'number' ? formatExact(c) : (c ?? ''));
	const header = headerCells.map((h) => cellText(h).normalize('NFC').trim());
	const rows: SourceRow[] = [];
	body.forEach((cells, i) => {
		if (cells.every((c) => cellText(c).trim() === '')) return;
		const record: Record<string, string> = {};
		header.forEach((name, j) => {
			if (cells[j] !== undefined && cells[j] !== null) record[name] = cellText(cells[j]);
		});
		rows.push({ line: i + 2, cells: record });
	});
	return { header, rows };
}

/** Parses CSV text into a header and numbered rows keyed by header names. Blank lines are skipped. */
export function parseCsv(text: string): CsvTable {
	return gridToRows(parseCsvGrid(text));
}

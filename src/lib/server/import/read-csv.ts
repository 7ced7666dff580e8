/**
 * Reads CSV text as published: UTF-8 with or without BOM, any common delimiter
 * (comma, semicolon from Vietnamese Excel, tab; never '|', which appears inside cells), quoted cells. Rows are numbered
 * as a spreadsheet shows them: the header is row 1.
 */
import Papa from 'papaparse';
import type { SourceRow } from '../../domain/validate-rows.ts';

export interface CsvTable {
	header: string[];
	rows: SourceRow[];
}

/** Parses CSV text into its lines of cells, the BOM dropped; grid row i is line i + 1. */
export function parseCsvGrid(text: string): string[][] {
	const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	return Papa.parse<string[]>(clean, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: false }).data;
}

/** Turns a grid whose first line is a header into numbered rows keyed by header names. Blank lines are skipped. */
export function gridToRows(grid: (string | number | null)[][]): CsvTable {
	const [headerCells = [], ...body] = grid;
	const header = headerCells.map((h) => String(h ?? '').normalize('NFC').trim());
	const rows: SourceRow[] = [];
	body.forEach((cells, i) => {
		if (cells.every((c) => c === null || String(c).trim() === '')) return;
		const record: Record<string, string> = {};
		header.forEach((name, j) => {
			if (cells[j] !== undefined && cells[j] !== null) record[name] = String(cells[j]);
		});
		rows.push({ line: i + 2, cells: record });
	});
	return { header, rows };
}

/** Parses CSV text into a header and numbered rows keyed by header names. Blank lines are skipped. */
export function parseCsv(text: string): CsvTable {
	return gridToRows(parseCsvGrid(text));
}

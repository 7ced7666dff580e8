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

/** Parses CSV text into a header and numbered rows keyed by header names. Blank lines are skipped. */
export function parseCsv(text: string): CsvTable {
	const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const parsed = Papa.parse<string[]>(clean, {
		delimitersToGuess: [',', ';', '\t'],
		skipEmptyLines: false
	});
	const [headerCells = [], ...body] = parsed.data;
	const header = headerCells.map((h) => h.normalize('NFC').trim());
	const rows: SourceRow[] = [];
	body.forEach((cells, i) => {
		if (cells.every((c) => c.trim() === '')) return;
		const record: Record<string, string> = {};
		header.forEach((name, j) => {
			if (cells[j] !== undefined) record[name] = cells[j];
		});
		rows.push({ line: i + 2, cells: record });
	});
	return { header, rows };
}

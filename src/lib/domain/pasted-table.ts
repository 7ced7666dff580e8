/**
 * A table pasted as text (copied from a PDF report, a Word file or a web page;
 * PAR INDEX results reach provinces mostly as PDF) turned into tab-separated
 * text, which the import pipeline then reads like any uploaded CSV file: the
 * same detection, validation, preview, diff and commit (issue #14). Pure: the
 * web page converts the paste before uploading it, the CLI converts stdin.
 *
 * Columns are split on tabs when the text has any, otherwise on runs of two
 * or more spaces (what a PDF copy leaves between columns). A line shorter than
 * the widest one is split further where a PDF copy joined cells with single
 * spaces: a leading rank ("1. Quảng Ninh", "01 Hà Nội") and trailing figures
 * ("Quảng Ninh 91,04 9,50"), kept only when that gives the table's width.
 * Decimal commas stay as they are (the validation reads "85,12" as 85.12),
 * NFD text is made NFC, and a rank written "1." or "01" keeps only its digits.
 */

// A figure, or a missing-value mark, as a PDF copy shows it.
const FIGURE = /^(?:[+-]?\d+(?:[.,]\d+)?%?|KCDL|-|–|—|n\/a|N\/A|\.\.)$/;
const RANK_PREFIX = /^(\d{1,3})[.)]?\s+(\p{L}.*)$/u;
const RANK_CELL = /^(\d{1,3})[.)]$/;

/** Converts pasted text into tab-separated lines; empty lines (page breaks of a PDF) are dropped. */
export function pastedToTsv(text: string): string {
	const lines = text
		.normalize('NFC')
		.replace(/\u00a0/g, ' ')
		.split(/\r\n|\r|\n/)
		.map((line) => line.replace(/\s+$/, ''))
		.filter((line) => line.trim() !== '');
	const tabs = lines.some((line) => line.includes('\t'));
	const rows = lines.map((line) => (tabs ? line.split('\t') : line.trim().split(/\s{2,}/)).map((cell) => cell.trim()));
	const width = Math.max(0, ...rows.map((r) => r.length));
	return rows.map((row) => widen(row, width).map(cleanCell).map(quote).join('\t')).join('\n') + '\n';
}

/** A row split further at a leading rank and trailing figures, when that makes it exactly `width` cells. */
function widen(row: string[], width: number): string[] {
	if (row.length >= width) return row;
	const split = row.flatMap((cell, i) => {
		const parts: string[] = [];
		let rest = cell;
		const rank = i === 0 ? RANK_PREFIX.exec(rest) : null;
		if (rank) [parts[0], rest] = [rank[1], rank[2]];
		const words = rest.split(/\s+/);
		let end = words.length;
		while (end > 1 && FIGURE.test(words[end - 1])) end--;
		return [...parts, words.slice(0, end).join(' '), ...words.slice(end)];
	});
	return split.length === width ? split : row;
}

const cleanCell = (cell: string) => cell.replace(RANK_CELL, '$1');

/** A cell as CSV text: quoted only when it holds a quote (tabs cannot occur, they split cells). */
const quote = (cell: string) => (cell.includes('"') ? `"${cell.replace(/"/g, '""')}"` : cell);

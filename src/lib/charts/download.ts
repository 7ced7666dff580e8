/**
 * What a chart's download buttons produce: CSV of its data (safe to open in
 * Excel) and a standalone SVG carrying its title and source, from which the
 * PNG is drawn. Pure string functions; `ChartFrame` does the browser part.
 */
import type { ChartTable } from '../domain/chart-tables.ts';

// Spreadsheets run a cell that begins with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula gets a leading
 * apostrophe; numbers are written as numbers (a negative number is a number,
 * not a formula, and must stay one for the analyst). Quoted when needed.
 */
export function csvCell(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The table as CSV: a header of column labels, then one line a row, CRLF line
 * ends and a UTF-8 byte-order mark, which Excel needs to read Vietnamese.
 */
export function toCsv(table: ChartTable): string {
	const lines = [
		table.columns.map((c) => csvCell(c.label)),
		...table.rows.map((row) => table.columns.map((c) => csvCell(row[c.key] ?? null)))
	];
	return '\ufeff' + lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

/** Escapes text for an XML text node or attribute. */
export function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Breaks text into lines of at most about `maxChars` characters, at spaces. */
export function wrapText(text: string, maxChars: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > maxChars) {
			lines.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) lines.push(line);
	return lines;
}

export interface StandaloneSvgInput {
	/** The chart's own `<svg>` markup (outerHTML). */
	chart: string;
	width: number;
	height: number;
	title: string;
	subtitle: string;
	/** The source line, and any methodology notes, printed under the chart. */
	footer: string[];
}

const LINE = 18;
const PAD = 16;

/**
 * A self-contained SVG file: title and subtitle above the chart, source and
 * notes below, white background, a font stack that has Vietnamese glyphs.
 * The chart is nested as its own `<svg>` so its coordinates stay untouched,
 * with the same margin around it as around the text.
 */
export function standaloneSvg(input: StandaloneSvgInput): string {
	const chars = Math.max(30, Math.floor((input.width - 2 * PAD) / 7));
	const head = [
		...wrapText(input.title, Math.floor(chars * 0.8)).map((text) => ({ text, cls: 'title' })),
		...wrapText(input.subtitle, chars).map((text) => ({ text, cls: 'subtitle' }))
	];
	const foot = input.footer.flatMap((part) => wrapText(part, chars)).map((text) => ({ text, cls: 'footer' }));
	const headHeight = PAD + head.length * LINE + PAD / 2;
	const total = headHeight + input.height + PAD / 2 + foot.length * LINE + PAD;
	const line = (l: { text: string; cls: string }, y: number) =>
		`<text class="${l.cls}" x="${PAD}" y="${y}">${escapeXml(l.text)}</text>`;
	const chart = input.chart.replace(/^<svg\b/, `<svg x="${PAD}" y="${headHeight}"`);
	const width = input.width + 2 * PAD;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">`,
		'<style>text{font-family:"Be Vietnam Pro","Noto Sans","DejaVu Sans",Arial,sans-serif;fill:#1b2330}',
		'.title{font-size:15px;font-weight:600}.subtitle{font-size:12px;fill:#454f66}.footer{font-size:11px;fill:#454f66}</style>',
		`<rect width="100%" height="100%" fill="#ffffff"/>`,
		...head.map((l, i) => line(l, PAD + (i + 1) * LINE - 4)),
		chart,
		...foot.map((l, i) => line(l, headHeight + input.height + PAD / 2 + (i + 1) * LINE - 4)),
		'</svg>'
	].join('\n');
}

/** A file name from a chart title: ASCII letters and digits joined by dashes (no diacritics). */
export function fileBaseName(title: string): string {
	const ascii = title
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return ascii.slice(0, 80) || 'chart';
}

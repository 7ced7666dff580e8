/**
 * Reading numbers as analysts type them: "64.89", "64,89" (Vietnamese Excel),
 * " 81.35 ". Pure; the import readers and the validators share it.
 */

/**
 * A plain decimal, point or comma, no thousands separators or exponent. The one
 * definition: `parseDecimal` anchors it here, and the bulk import checks millions
 * of scores with it in DuckDB (`regexp_full_match`, RE2 reads the same syntax).
 */
export const DECIMAL_PATTERN = '[+-]?\\d+(?:[.,]\\d+)?';
const DECIMAL = new RegExp(`^${DECIMAL_PATTERN}$`);

/**
 * Parses a decimal written with a point or a comma. Returns null for an empty
 * cell and NaN for text that is not a plain decimal (thousands separators,
 * units, words), so the caller can tell "missing" from "wrong".
 */
export function parseDecimal(text: string | number | null | undefined): number | null {
	if (text === null || text === undefined) return null;
	if (typeof text === 'number') return Number.isFinite(text) ? text : Number.NaN;
	const trimmed = text.replace(/\u00a0/g, ' ').trim();
	if (trimmed === '') return null;
	if (!DECIMAL.test(trimmed)) return Number.NaN;
	return Number(trimmed.replace(',', '.'));
}

/**
 * A number as the shortest text that reads back to the same double, never in
 * exponent form (which `parseDecimal` refuses): 1e-7 is written 0.0000001.
 */
export function formatExact(n: number): string {
	const text = String(n);
	return /e/i.test(text) ? n.toFixed(20).replace(/\.?0+$/, '') : text;
}

/**
 * A number as an input shows it for editing: exact (`formatExact`), with the
 * decimal mark the reader writes (a comma in Vietnamese), no thousands
 * separator, so that `parseDecimal` reads it back to the same number.
 */
export function decimalInputText(n: number, decimalMark: '.' | ','): string {
	return formatExact(n).replace('.', decimalMark);
}

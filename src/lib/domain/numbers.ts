/**
 * Reading numbers as analysts type them: "64.89", "64,89" (Vietnamese Excel),
 * " 81.35 ". Pure; the import readers and the validators share it.
 */

const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/;

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

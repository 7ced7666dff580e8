/** Unit look-ups for pages: the focus unit by name or code. */
import { loadUnitMatcher } from '../reference.ts';
import type { UnitRecord } from '../../domain/unit-names.ts';

/** The default focus unit: Kon Tum, whose directive this dashboard was built for. */
export const DEFAULT_UNIT = '62';

/** Resolves a unit from a URL parameter (name, alias or code); falls back to the default unit. */
export async function focusUnit(param: string | null): Promise<UnitRecord> {
	const matcher = await loadUnitMatcher();
	const found = param ? matcher.match(param) : null;
	if (found?.ok) return found.unit;
	const fallback = matcher.match(DEFAULT_UNIT);
	if (!fallback.ok) throw new Error('the default unit is missing from the reference data');
	return fallback.unit;
}

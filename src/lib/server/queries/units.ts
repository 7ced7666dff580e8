/** Unit look-ups for pages: the focus unit by name or code. */
import { loadUnitMatcher } from '../reference.ts';
import { latestFigureYear } from './dashboard.ts';
import type { UnitRecord } from '../../domain/unit-names.ts';

/** The default focus unit: Kon Tum, whose directive this dashboard was built for. */
export const DEFAULT_UNIT = '62';

/**
 * Resolves a unit from a URL parameter (name, alias or code); falls back to
 * the default unit. A name shared by a pre-2025 province and its 2025
 * successor ("Gia Lai") means the one that existed in `year`, else in the
 * last year with figures: the unit whose figures the reader came for.
 */
export async function focusUnit(param: string | null, year: number | null = null): Promise<UnitRecord> {
	const matcher = await loadUnitMatcher();
	if (param) {
		const inYear = matcher.match(param, year ?? (await latestFigureYear()) ?? undefined);
		if (inYear.ok) return inYear.unit;
		const any = matcher.match(param);
		if (any.ok) return any.unit;
	}
	const fallback = matcher.match(DEFAULT_UNIT);
	if (!fallback.ok) throw new Error('the default unit is missing from the reference data');
	return fallback.unit;
}

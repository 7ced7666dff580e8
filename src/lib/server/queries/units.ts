/** Unit look-ups for pages: the focus unit by name or code. */
import { loadUnitMatcher } from '../reference.ts';
import { latestFigureYear } from './dashboard.ts';
import type { UnitMatch, UnitRecord } from '../../domain/unit-names.ts';

/** The default focus unit: Kon Tum, whose directive this dashboard was built for. */
export const DEFAULT_UNIT = '62';

/**
 * Finds the unit a name, alias or code means. A name shared by a pre-2025
 * province and its 2025 successor ("Gia Lai") means the one that existed in
 * `year`, else in the last year with figures: the unit whose figures the
 * reader came for. Pages, read API and CLI resolve names through here.
 */
export async function findUnit(name: string, year: number | null = null): Promise<UnitMatch> {
	const matcher = await loadUnitMatcher();
	const inYear = matcher.match(name, year ?? (await latestFigureYear()) ?? undefined);
	return inYear.ok ? inYear : matcher.match(name);
}

/** Resolves the focus unit from a URL parameter (see `findUnit`); falls back to the default unit. */
export async function focusUnit(param: string | null, year: number | null = null): Promise<UnitRecord> {
	const found = param ? await findUnit(param, year) : null;
	if (found?.ok) return found.unit;
	const fallback = (await loadUnitMatcher()).match(DEFAULT_UNIT);
	if (!fallback.ok) throw new Error('the default unit is missing from the reference data');
	return fallback.unit;
}

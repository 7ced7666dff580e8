/**
 * The briefing's figures for one unit and year: for each chosen index, the
 * unit's totals up to the year, the plan in force with its verdicts, the
 * component changes, and the import batches behind them. Every rank and
 * verdict comes from `queries/ranks.ts` and `targets.ts`; this module only
 * gathers. Called by the `/briefing` page (and so by the PDF export).
 */
import { listValue } from './duckdb.ts';
import { z } from 'zod';
import { memoisedPage, query } from './db.ts';
import { rankedObservations, unitsFigures, type RankedFigure } from './queries/ranks.ts';
import { batchesOf, type BatchInfo } from './queries/dashboard.ts';
import { DEFAULT_UNIT } from './queries/units.ts';
import { loadCatalogue, loadUnitMatcher } from './reference.ts';
import { targetsFor, type TargetReport } from './targets.ts';
import { componentRows } from './views/index-page.ts';
import { NoFigureError, whatIfFor } from './what-if.ts';
import type { TargetAnswer } from '../domain/what-if.ts';
import { yearMap, type YearMap } from './views/rank-map.ts';
import type { UnitKind } from '../domain/unit-names.ts';
import type { ComponentRow } from '../domain/chart-data.ts';
import { findIndex, type IndexDef } from '../domain/catalogue.ts';
import { t, type Locale } from '../i18n/index.ts';
import '../i18n/areas/briefing.ts';

/** The directive's three indices, in the order leaders read them: the briefing's default. */
export const DEFAULT_INDICES = ['PAR_INDEX', 'PAPI', 'PCI'];

/** A briefing request that cannot be answered; the message is in the interface language. */
export class BriefingInputError extends Error {}

export interface BriefingRequest {
	unit: { code: string; name: string; nameAscii: string | null; kind: UnitKind | null };
	year: number;
	indexIds: string[];
}

const yearSchema = z.coerce.number().int().min(1990).max(2100);

/**
 * Checks the briefing's parameters (unit name, alias or code; year; a comma
 * list of index ids or slugs). No unit means Kon Tum, no index the three of
 * the directive, no year the last year the unit has a figure of them.
 */
export async function resolveBriefingRequest(
	locale: Locale,
	params: { unit?: string | null; year?: string | null; indices?: string | null }
): Promise<BriefingRequest> {
	const matcher = await loadUnitMatcher();
	const name = params.unit?.trim() || DEFAULT_UNIT;
	// The year tells the old province from the 2025 unit of the same name (Gia Lai, Quảng Ngãi…);
	// a unit gone by then is still its own lineage's start.
	const inYear = yearSchema.safeParse(params.year?.trim() || undefined);
	let match = matcher.match(name, inYear.success ? inYear.data : undefined);
	if (!match.ok && match.reason === 'not_valid_in_year') match = matcher.match(name);
	if (!match.ok) {
		throw new BriefingInputError(t(locale, 'briefing.unknownUnit', { unit: params.unit ?? '', suggestions: match.suggestions.join(', ') }));
	}
	const { indices } = await loadCatalogue();
	const wanted = params.indices?.split(',').map((s) => s.trim()).filter(Boolean) ?? DEFAULT_INDICES;
	const indexIds = [
		...new Set(
			wanted.map((text) => {
				const found = findIndex(indices, text);
				if (!found) throw new BriefingInputError(t(locale, 'briefing.unknownIndex', { index: text, known: indices.map((i) => i.id).join(', ') }));
				return found.id;
			})
		)
	];
	const { code, nameVi, nameAscii, kind = null } = match.unit;
	const year = params.year?.trim() ? yearSchema.safeParse(params.year.trim()) : { success: true as const, data: await lastYear(code, indexIds) };
	if (!year.success || year.data === null) throw new BriefingInputError(t(locale, 'briefing.badYear', { year: params.year ?? '' }));
	return { unit: { code, name: nameVi, nameAscii, kind }, year: year.data, indexIds };
}

/** The last year a unit has a total figure of any of the indices; null when it has none. Kept until the next import. */
function lastYear(unitCode: string, indexIds: string[]): Promise<number | null> {
	return memoisedPage(JSON.stringify(['last-year', unitCode, indexIds]), () => readLastYear(unitCode, indexIds));
}

async function readLastYear(unitCode: string, indexIds: string[]): Promise<number | null> {
	const ranked = rankedObservations({ units: [unitCode], componentId: 'total', change: false }, 2);
	const [row] = await query<{ year: number | null }>(
		`SELECT max(year)::INTEGER AS year FROM ${ranked.sql} r WHERE list_contains($1::VARCHAR[], index_id)`,
		[listValue(indexIds), ...ranked.params]
	);
	return row?.year ?? null;
}

export type { BatchInfo };

export interface BriefingIndex {
	index: IndexDef;
	/** The unit's totals up to the briefing's year, oldest first. */
	totals: RankedFigure[];
	/** The plan in force in the year (else the active plan); null when the index has none. */
	report: TargetReport | null;
	/** The components in the year, in the interface language, what pulled the total down first (as on the index page). */
	components: ComponentRow[];
	/** Years of the figures shown, oldest first. */
	years: number[];
	batches: BatchInfo[];
	/** Where the year's target was missed: the cheapest path to it (what-if.ts); null otherwise or when no rank can be projected. */
	toTarget: TargetAnswer | null;
	/** The map of ranks of the year, the unit outlined (issue 18); null when no tile grid holds the year's units. */
	map?: YearMap | null;
}

export interface Briefing {
	unit: BriefingRequest['unit'];
	year: number;
	/** Every chosen index, with or without figures. */
	indices: BriefingIndex[];
}

/**
 * The plan that judges `year`: the first report (latest horizon first) whose
 * baseline-to-horizon span holds the year, else the active one.
 */
export function planInForce(reports: TargetReport[], year: number): TargetReport | null {
	return reports.find((r) => r.rule.baselineYear <= year && year <= r.rule.horizon) ?? reports[0] ?? null;
}

async function briefingIndex(
	locale: Locale,
	request: BriefingRequest,
	index: IndexDef,
	series: RankedFigure[],
	reports: TargetReport[]
): Promise<BriefingIndex> {
	const { unit, year } = request;
	const shown = series.filter((f) => f.year <= year && (f.componentId === 'total' || f.year === year));
	const totals = shown.filter((f) => f.componentId === 'total');
	const report = planInForce(reports, year);
	const [components, batches, map] = await Promise.all([
		componentRows(locale, index, unit.code, year, report?.rule.baselineYear ?? null),
		batchesOf(shown.map((f) => f.batchId)),
		yearMap(locale, index, year, unit.code)
	]);
	return {
		index,
		totals,
		report,
		components,
		years: [...new Set(shown.map((f) => f.year))].sort((a, b) => a - b),
		batches,
		toTarget: await toTarget(request, index, report),
		map
	};
}

/**
 * "To reach the target": for a year whose target was missed, the simulator's
 * cheapest path over the components, with the others held as published. Only
 * where the components make the total (a checked rule, every component
 * published) and every other unit's total is known, so a rank can be reached.
 */
async function toTarget(request: BriefingRequest, index: IndexDef, report: TargetReport | null): Promise<TargetAnswer | null> {
	const verdict = report?.years.find((y) => y.year === request.year);
	if (verdict?.status !== 'missed' || verdict.targetRank === null) return null;
	try {
		const w = await whatIfFor({ code: request.unit.code, name: request.unit.name }, index, request.year, [], verdict.targetRank, { references: false });
		return w.mode === 'components' ? w.result.target : null;
	} catch (error) {
		if (error instanceof NoFigureError) return null;
		throw error;
	}
}

/** Everything the briefing shows for a checked request; component names in `locale`. Kept until the next import (`memoisedPage`). */
export function loadBriefing(locale: Locale, request: BriefingRequest): Promise<Briefing> {
	return memoisedPage(JSON.stringify(['briefing', locale, request.unit.code, request.year, request.indexIds]), () => readBriefing(locale, request));
}

async function readBriefing(locale: Locale, request: BriefingRequest): Promise<Briefing> {
	// The unit's figures and verdicts in every index at once, then split by index: two queries, not two an index.
	const [{ indices }, series, reports] = await Promise.all([loadCatalogue(), unitsFigures([request.unit.code]), targetsFor(request.unit.code)]);
	const chosen = request.indexIds.map((id) => indices.find((i) => i.id === id)!);
	return {
		unit: request.unit,
		year: request.year,
		indices: await Promise.all(
			chosen.map((i) =>
				briefingIndex(
					locale,
					request,
					i,
					series.filter((f) => f.indexId === i.id),
					reports.filter((r) => r.index === i.id)
				)
			)
		)
	};
}

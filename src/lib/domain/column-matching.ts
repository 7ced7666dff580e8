/**
 * Which column of a published wide table holds which component: matched from
 * the catalogue's names and the alias table (data), overridden by a mapping
 * file, with columns that are clearly not components listed and skipped.
 * Pure; used by the wide-table reader of the import pipeline.
 */
import { componentValidInYear, TOTAL, type ColumnRole, type ComponentAlias, type ComponentDef, type IndexDef } from './catalogue.ts';

/** Where one column goes. `reason` says how it was decided, for the preview. */
export interface ColumnPlacement {
	column: number;
	header: string;
	componentId: string | null;
	role: ColumnRole;
	reason: 'mapping' | 'alias' | 'not_component' | 'all_placed' | 'no_published_ranks';
}

export interface PlacementContext {
	index: IndexDef;
	year: number;
	components: ComponentDef[];
	aliases: ComponentAlias[];
	/** Header → target from a mapping file or preset: a component id, `rank`, `rank:<id>` or `skip`. */
	overrides?: Record<string, string>;
}

export interface PlacementResult {
	placements: ColumnPlacement[];
	/** Headers that may be components but match none: the import needs a mapping. */
	unplaced: { column: number; header: string }[];
	/** Mapping targets that name no component of the index. */
	badTargets: { header: string; target: string }[];
	/** True when the total is not in the table but follows from the components (the index's total rule). */
	deriveTotal: boolean;
}

/**
 * The matching key of a header: NFC, case and diacritics folded, punctuation
 * collapsed to single spaces, and a year ("in 2018", "năm 2019") dropped, so
 * "The Weighted PCI Score in 2018" and "The Weighted PCI Score" share one key.
 */
export function columnKey(text: string): string {
	return text
		.normalize('NFC')
		.toLocaleLowerCase('vi')
		.replace(/đ/g, 'd')
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/\b(?:in|nam)?\s*(?:19|20)\d\d\b/g, ' ')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

// Statistics published beside the figures, never figures themselves: confidence
// bounds, standard errors, variances, observation counts, tiers and groups (seen in
// PAPI 2019 FULL vie.xlsx and the PCI tier column). Matched on the column key.
const NOT_COMPONENT = [
	/\bci\b/,
	/\bconfidence\b/,
	/\bstandard error\b/,
	/\bstd err/,
	/\bvariance\b/,
	/\bobservations?\b/,
	/\btier\b/,
	/\bkhoang tin cay\b/,
	/\bsai so\b/,
	/\bphuong sai\b/,
	/\bso quan sat\b/,
	/\bxep loai\b/,
	/\bnhom\b/
];
// Sub-dimensions are numbered "1.1", "2.3: …" under their dimension.
const SUB_DIMENSION = /^\s*\d+\.\d+\b/;

/** True when a header names something published beside the components (statistics, sub-dimensions, tiers). */
export function isClearlyNotComponent(header: string): boolean {
	const key = columnKey(header);
	return SUB_DIMENSION.test(header) || NOT_COMPONENT.some((pattern) => pattern.test(key));
}

function parseTarget(target: string): { componentId: string | null; role: ColumnRole } {
	const text = target.trim();
	if (text === 'skip') return { componentId: null, role: 'skip' };
	if (text === 'rank') return { componentId: TOTAL, role: 'rank' };
	if (text.startsWith('rank:')) return { componentId: text.slice(5).trim(), role: 'rank' };
	return { componentId: text, role: 'score' };
}

/** Decides where every column goes; the unit column is left out by the caller. */
export function placeColumns(headers: { column: number; header: string }[], ctx: PlacementContext): PlacementResult {
	const own = ctx.components.filter((c) => c.indexId === ctx.index.id && componentValidInYear(c, ctx.year));
	const byKey = new Map<string, { componentId: string | null; role: ColumnRole }>();
	for (const c of own) {
		for (const name of [c.id, c.nameVi, c.nameEn]) byKey.set(columnKey(name), { componentId: c.id, role: 'score' });
	}
	for (const a of ctx.aliases) {
		if (a.indexId === ctx.index.id || a.indexId === '*') byKey.set(columnKey(a.alias), { componentId: a.componentId, role: a.role });
	}
	const overrides = new Map(Object.entries(ctx.overrides ?? {}).map(([h, t]) => [columnKey(h), t]));

	const placements: ColumnPlacement[] = [];
	const pending: { column: number; header: string }[] = [];
	const badTargets: PlacementResult['badTargets'] = [];
	for (const { column, header } of headers) {
		const override = overrides.get(columnKey(header));
		if (override !== undefined) {
			const target = parseTarget(override);
			if (target.componentId !== null && !own.some((c) => c.id === target.componentId)) {
				badTargets.push({ header, target: override });
			} else placements.push({ column, header, ...target, reason: 'mapping' });
			continue;
		}
		const known = byKey.get(columnKey(header));
		if (known && known.componentId !== null && !own.some((c) => c.id === known.componentId)) continue;
		if (known) placements.push({ column, header, ...known, reason: 'alias' });
		else if (isClearlyNotComponent(header)) placements.push({ column, header, componentId: null, role: 'skip', reason: 'not_component' });
		else pending.push({ column, header });
	}

	// PAPI publishes no ranks: a rank column in a PAPI table was computed by
	// someone, and a computed rank is never stored as published.
	if (!ctx.index.publishesRanks) {
		for (const p of placements) {
			if (p.role === 'rank') Object.assign(p, { componentId: null, role: 'skip', reason: 'no_published_ranks' });
		}
	}

	const scored = new Set(placements.filter((p) => p.role === 'score').map((p) => p.componentId));
	const parts = own.filter((c) => c.id !== TOTAL);
	const allParts = parts.length > 0 && parts.every((c) => scored.has(c.id));
	const deriveTotal = !scored.has(TOTAL) && ctx.index.totalRule === 'sum_of_components' && allParts;
	// When every component already has its column, what is left cannot be a
	// component: it is one of the many survey indicators published beside them.
	const complete = allParts && (scored.has(TOTAL) || deriveTotal);
	if (complete) {
		for (const p of pending) placements.push({ ...p, componentId: null, role: 'skip', reason: 'all_placed' });
	}
	placements.sort((a, b) => a.column - b.column);
	return { placements, unplaced: complete ? [] : pending, badTargets, deriveTotal };
}

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
	reason: PlacementReason;
}

/**
 * How a column was placed: by the mapping, by an alias or catalogue name, by
 * the number of a numbered heading ("Chỉ số nội dung 3: …"), as the total by
 * its meaning ("Chỉ số PAPI 2018 (không có trọng số)"); or why it was skipped:
 * a statistic, a sub-component ("1.1: …"), an indicator ("… (%)"), a note or
 * copyright line, what is left once every component is placed, a rank of an
 * index that publishes none.
 */
export type PlacementReason =
	| 'mapping'
	| 'alias'
	| 'numbered'
	| 'total_name'
	| 'not_component'
	| 'sub_component'
	| 'indicator'
	| 'note'
	| 'no_figures'
	| 'all_placed'
	| 'no_published_ranks'
	| 'guess';

/** The skip reasons, in the order a report lists them. */
export const SKIP_REASONS = ['sub_component', 'indicator', 'not_component', 'note', 'no_figures', 'all_placed', 'no_published_ranks', 'guess'] as const;

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
	/**
	 * Headers that may be components but match none, or match two ways
	 * (`candidates`: the component ids it could be): the import needs a mapping.
	 */
	unplaced: { column: number; header: string; candidates?: string[] }[];
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
// Sub-components are numbered "1.1", "2.3: …" under their component (PAPI 2016 vie.xlsx),
// or headed "Nội dung thành phần …" / "Sub-dimension …" in the PAPI reports.
const SUB_COMPONENT_NUMBER = /^\s*\d+\.\d+\b/;
const SUB_COMPONENT_KEY = /^(?:chi so )?(?:noi dung thanh phan|sub dimension|subdimension|sub indicator|tieu chi thanh phan)\b/;
// Survey indicators printed beside the components: a share "(%)", "(% YES)", "(0-100%)",
// a scale "(1=Very High; 5=Very Low)", a median (PCI 2018/2019 sheets, PAPI full workbooks).
const INDICATOR = [/\(\s*%[^)]*\)/, /\(\s*\d+\s*=/, /\(\s*0\s*[-–]\s*100\s*%?\s*\)/, /\(\s*(?:median|trung vị|số ngày|tỷ lệ[^)]*)\s*\)/i, /%\s*$/];
const INDICATOR_KEY = /^(?:ty le|percentage of|share of|median|so ngay)\b/;
// Lines below a table (or beside it, in a transposed one) that carry no figure.
const NOTE_KEY = /^(?:ghi chu|chu thich|nguon|source|sources|note|notes|copyright|copyrights|kcdl|luu y)\b/;

/** True for a note, source or copyright line ("Ghi chú: …", "Nguồn: …", "Copyrights © …", "KCDL = …"). */
export function isNoteLine(text: string): boolean {
	return NOTE_KEY.test(columnKey(text)) || /©/.test(text);
}

/** The kind of a header that is never a component (statistic, sub-component, indicator, note), or null. */
export function notComponentKind(header: string): Extract<PlacementReason, 'not_component' | 'sub_component' | 'indicator' | 'note'> | null {
	const key = columnKey(header);
	if (isNoteLine(header)) return 'note';
	if (SUB_COMPONENT_NUMBER.test(header) || SUB_COMPONENT_KEY.test(key)) return 'sub_component';
	if (INDICATOR.some((p) => p.test(header)) || INDICATOR_KEY.test(key)) return 'indicator';
	if (NOT_COMPONENT.some((pattern) => pattern.test(key))) return 'not_component';
	return null;
}

/** True when a header names something published beside the components (statistics, sub-dimensions, indicators, notes). */
export function isClearlyNotComponent(header: string): boolean {
	return notComponentKind(header) !== null;
}

// A numbered heading names a component by its place in the index, whatever words
// follow: "Chỉ số nội dung 2: Công khai, minh bạch trong ra quyết định" is PAPI's
// dimension 2 however the publisher words it that year (issue #14).
const NUMBERED = /^(?:chi so noi dung|noi dung|sub index|subindex|dimension|linh vuc|chi so thanh phan|thanh phan|pillar|component|area|field)\s+(\d{1,2})(?:\s+(.*))?$/;

/** The number and the words after it of a numbered heading ("Nội dung 3: …" → 3), or null. */
export function numberedHeading(header: string): { number: number; rest: string } | null {
	const match = NUMBERED.exec(columnKey(header));
	return match ? { number: Number(match[1]), rest: match[2] ?? '' } : null;
}

// Words that say "score", "index", "overall" around an index's name, in both languages.
const FILLER = /\b(?:chi so|diem so|diem|tong diem|tong hop|tong|cap tinh|score|scores|index|overall|aggregate|total|the|of|in|nam)\b/g;
// A weighting tag; "unweighted" readings first, since "co trong so" is inside "khong co trong so".
const UNWEIGHTED = /\b(?:khong co trong so|khong trong so|chua co trong so|chua trong so|unweighted|non weighted|not weighted)\b/;
const WEIGHTED = /\b(?:co trong so|weighted)\b/;

/**
 * A header that names an index's overall figure, read by meaning: the index's
 * name with filler words ("Chỉ số", "Điểm", "tổng hợp", "score"), a year and a
 * weighting tag; returns the tag (`weighted`, `unweighted`, `none`) or null
 * when the header names something else.
 */
export function totalReading(header: string, index: IndexDef): 'weighted' | 'unweighted' | 'none' | null {
	const strip = (key: string) => key.replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
	let key = columnKey(header);
	let tag: 'weighted' | 'unweighted' | 'none' = 'none';
	if (UNWEIGHTED.test(key)) [tag, key] = ['unweighted', key.replace(UNWEIGHTED, ' ')];
	else if (WEIGHTED.test(key)) [tag, key] = ['weighted', key.replace(WEIGHTED, ' ')];
	const rest = strip(key);
	if (rest === '') return null;
	const names = [index.id.replace(/_/g, ' '), index.shortVi, index.shortEn].map((n) => strip(columnKey(n)));
	return names.includes(rest) ? tag : null;
}

function parseTarget(target: string): { componentId: string | null; role: ColumnRole } {
	const text = target.trim();
	if (text === 'skip') return { componentId: null, role: 'skip' };
	if (text === 'rank') return { componentId: TOTAL, role: 'rank' };
	if (text.startsWith('rank:')) return { componentId: text.slice(5).trim(), role: 'rank' };
	return { componentId: text, role: 'score' };
}

type Target = { componentId: string | null; role: ColumnRole };

/**
 * A header to place. Under a two-row header ("Điểm PCI" over "Điểm" and
 * "Xếp hạng") `header` is the combined text shown and used by a mapping,
 * `lookup` the upper text read for meaning, and `subRole` what the lower cell says.
 */
export interface HeaderCell {
	column: number;
	header: string;
	lookup?: string;
	subRole?: 'score' | 'rank';
}

/** Decides where every column goes; the unit column is left out by the caller. */
export function placeColumns(headers: HeaderCell[], ctx: PlacementContext): PlacementResult {
	const own = ctx.components.filter((c) => c.indexId === ctx.index.id && componentValidInYear(c, ctx.year));
	const byKey = new Map<string, Target>();
	for (const c of own) {
		for (const name of [c.id, c.nameVi, c.nameEn]) byKey.set(columnKey(name), { componentId: c.id, role: 'score' });
	}
	const aliases = ctx.aliases.filter((a) => a.indexId === ctx.index.id || a.indexId === '*');
	for (const a of aliases) byKey.set(columnKey(a.alias), { componentId: a.componentId, role: a.role });
	const byWeighting = totalWeightings(own, aliases, ctx.index);
	const overrides = new Map(Object.entries(ctx.overrides ?? {}).map(([h, t]) => [columnKey(h), t]));

	const placements: ColumnPlacement[] = [];
	const pending: PlacementResult['unplaced'] = [];
	const badTargets: PlacementResult['badTargets'] = [];
	for (const cell of headers) {
		const { column, header } = cell;
		const override = overrides.get(columnKey(header));
		if (override !== undefined) {
			const target = parseTarget(override);
			if (target.componentId !== null && !own.some((c) => c.id === target.componentId)) {
				badTargets.push({ header, target: override });
			} else placements.push({ column, header, ...target, reason: 'mapping' });
			continue;
		}
		const name = cell.lookup ?? header;
		// The lower cell of a two-row header says whether the component's column holds its score or its rank.
		const withRole = <T extends Target>(t: T): T => (cell.subRole === 'rank' && t.role === 'score' ? { ...t, role: 'rank' } : t);
		const known = byKey.get(columnKey(name));
		if (known && known.componentId !== null && !own.some((c) => c.id === known.componentId)) continue;
		if (known) {
			placements.push({ column, header, ...withRole(known), reason: 'alias' });
			continue;
		}
		// Statistics, sub-components and notes before the readings by meaning: "Dimension 1 95% CI Low" is a statistic.
		const kind = notComponentKind(name);
		if (kind !== null && kind !== 'indicator') {
			placements.push({ column, header, componentId: null, role: 'skip', reason: kind });
			continue;
		}
		const meant = byMeaning(name, ctx.index, own, byKey, byWeighting);
		if (meant.placed) placements.push({ column, header, ...withRole(meant.placed) });
		else if (meant.candidates) pending.push({ column, header, candidates: meant.candidates });
		else if (kind === 'indicator') placements.push({ column, header, componentId: null, role: 'skip', reason: kind });
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
		for (const p of pending) {
			// A header that could be a component placed elsewhere is still skipped: every component has its column.
			placements.push({ column: p.column, header: p.header, componentId: null, role: 'skip', reason: 'all_placed' });
		}
	}
	placements.sort((a, b) => a.column - b.column);
	return { placements, unplaced: complete ? [] : pending, badTargets, deriveTotal };
}

/**
 * What a total header with a weighting tag means for this index, learnt from
 * the catalogue's total names and the alias table (data): PAPI's
 * "Unweighted PAPI Score" is the total and "Weighted PAPI Score" a skip; PCI's
 * total is the weighted one. A tag seen nowhere has no entry (then we ask).
 */
function totalWeightings(own: ComponentDef[], aliases: ComponentAlias[], index: IndexDef): Map<string, Target> {
	const out = new Map<string, Target>();
	const total = own.find((c) => c.id === TOTAL);
	const seen: [string, Target][] = [
		...(total ? [total.nameVi, total.nameEn].map((n): [string, Target] => [n, { componentId: TOTAL, role: 'score' }]) : []),
		...aliases.filter((a) => a.role !== 'rank').map((a): [string, Target] => [a.alias, { componentId: a.componentId, role: a.role }])
	];
	for (const [name, target] of seen) {
		const tag = totalReading(name, index);
		if (tag !== null && !out.has(tag)) out.set(tag, target);
	}
	if (total && !out.has('none')) out.set('none', { componentId: TOTAL, role: 'score' });
	return out;
}

/**
 * A header read by meaning: a total by its name and weighting tag, a component
 * by the number of its heading. Two readings (the number says one component,
 * the words another; a weighting tag the data does not know) are not guessed:
 * the candidates are returned for the analyst to choose.
 */
function byMeaning(
	header: string,
	index: IndexDef,
	own: ComponentDef[],
	byKey: Map<string, Target>,
	byWeighting: Map<string, Target>
): { placed?: Omit<ColumnPlacement, 'column' | 'header'>; candidates?: string[] } {
	const tag = totalReading(header, index);
	if (tag !== null) {
		const target = byWeighting.get(tag);
		return target ? { placed: { ...target, reason: 'total_name' } } : { candidates: [TOTAL, 'skip'] };
	}
	const numbered = numberedHeading(header);
	if (numbered === null) return {};
	const component = own.find((c) => c.id !== TOTAL && c.sortOrder === numbered.number);
	if (!component) return {};
	const named = byKey.get(numbered.rest);
	if (named?.componentId && named.componentId !== component.id) return { candidates: [component.id, named.componentId] };
	return { placed: { componentId: component.id, role: 'score', reason: 'numbered' } };
}

/** Names listed per skip reason in a report; the rest are counted. */
export const SKIPPED_NAMES_SHOWN = 3;

/**
 * The skipped columns grouped by reason, in SKIP_REASONS order: how many and
 * the first few names, for the dry-run report (a full workbook skips ~120
 * indicator rows; one line a reason fits on a screen).
 */
export function skippedByReason(placements: ColumnPlacement[], shown = SKIPPED_NAMES_SHOWN) {
	return SKIP_REASONS.flatMap((reason) => {
		const headers = placements.filter((p) => p.role === 'skip' && p.reason === reason).map((p) => p.header);
		if (headers.length === 0) return [];
		const names = headers.slice(0, shown).map((h) => `«${h}»`).join(', ') + (headers.length > shown ? ` (+${headers.length - shown})` : '');
		return [{ reason, count: headers.length, names }];
	});
}

/**
 * A plan as a leader enters it (the /plans page, `chiso plan add|change`,
 * POST /api/plans): the zod schema of its fields, then the checks that need
 * the reference data (a known unit, known indices), with every refusal in
 * words a person can act on: field, value, what was expected. Pure: the
 * caller hands in the unit matcher and the index catalogue.
 */
import { z } from 'zod';
import { t, type Locale, type MessageKey } from '../i18n/index.ts';
import '../i18n/areas/plans.ts';
import { findIndex, type IndexDef } from './catalogue.ts';
import type { UnitMatcher } from './unit-names.ts';

export const PLAN_KINDS = ['rise', 'absolute'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** A plan's rule: what a draft, a stored version and the rule's wording share. */
export interface PlanRuleFields {
	kind: PlanKind;
	baselineYear: number;
	/** Rise plans: places over the baseline in the first year, then each later year. */
	firstStep: number | null;
	yearlyStep: number | null;
	horizon: number;
	/** Absolute plans: the rank to reach (or hold) by the horizon. */
	targetRank: number | null;
}

/** A plan ready to store: the unit resolved to its code, indices to their ids. */
export interface PlanDraft extends PlanRuleFields {
	unitCode: string;
	indices: string[];
	/** The document the plan comes from: its number or title, its date, who issued it. */
	document: string;
	issuedOn: string;
	issuedBy: string;
	source: string | null;
}

/** The fields a person fills in, in the order the form and the errors list them. */
export const PLAN_FIELDS = [
	'unit', 'indices', 'kind', 'baselineYear', 'firstStep', 'yearlyStep', 'horizon', 'targetRank', 'document', 'issuedOn', 'issuedBy', 'source'
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

// Form fields and CLI options arrive as text, an empty one meaning "not given"; JSON may send numbers.
const blankIsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (max: number) => z.preprocess(blankIsMissing, z.string().trim().min(1).max(max));
// `.optional()` inside the preprocess: outside it would see the raw "" (not undefined) and pass it on to be a number.
const optionalWhole = (min: number) => z.preprocess(blankIsMissing, z.coerce.number().int().min(min).max(9999).optional());
const year = z.preprocess(blankIsMissing, z.coerce.number().int().min(1990).max(2100));
/** Whether `2023`, `2023-12` or `2023-12-05` names a day, month or year of the calendar (no 31 April). */
function isCalendarDate(d: string): boolean {
	if (d.length === 4) return true;
	const full = d.length === 7 ? `${d}-01` : d;
	const parsed = new Date(`${full}T00:00:00Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(full);
}
/** Documents are cited as precisely as they are known: a year, a month or a day. */
const documentDate = z.preprocess(blankIsMissing, z.string().trim().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).refine(isCalendarDate));
/** "PCI,PAPI" (CLI), ["PCI", "PAPI"] (form, JSON). */
const indexList = z.preprocess(
	(v) => (typeof v === 'string' ? v.split(/[,|]/).map((s) => s.trim()).filter(Boolean) : v),
	z.array(z.string().trim().min(1)).min(1)
);

/**
 * The fields of a plan, each on its own; the rules that tie fields together
 * (the horizon after the baseline, the fields each kind needs) follow in
 * `planEntrySchema`. A negative step is refused here: "rise −2 places" is no rise.
 */
const fieldsSchema = z.object({
	unit: text(200),
	indices: indexList,
	kind: z.enum(PLAN_KINDS),
	baselineYear: year,
	firstStep: optionalWhole(0),
	yearlyStep: optionalWhole(0),
	horizon: year,
	targetRank: optionalWhole(1),
	document: text(1000),
	issuedOn: documentDate,
	issuedBy: text(300),
	source: z.preprocess(blankIsMissing, z.string().trim().max(1000).optional())
});

/** Runs a rule that ties `fields` together once each of them is valid, even when other fields are not. */
const once = (fields: Partial<Record<keyof typeof fieldsSchema.shape, true>>) => {
	const part = fieldsSchema.pick(fields);
	return (payload: { value: unknown }) => part.safeParse(payload.value).success;
};

/**
 * The schema of a plan as entered, before the unit and indices are looked up:
 * the horizon after the baseline year, a first step for a rise, a rank for an absolute target.
 */
export const planEntrySchema = fieldsSchema
	.refine((p) => p.horizon > p.baselineYear, {
		path: ['horizon'], params: { rule: 'horizonAfterBaseline' }, when: once({ baselineYear: true, horizon: true })
	})
	.refine((p) => p.kind !== 'rise' || p.firstStep !== undefined, {
		path: ['firstStep'], params: { rule: 'required' }, when: once({ kind: true, firstStep: true })
	})
	.refine((p) => p.kind !== 'absolute' || p.targetRank !== undefined, {
		path: ['targetRank'], params: { rule: 'required' }, when: once({ kind: true, targetRank: true })
	});

/** What each field must be, in words, for the error messages. */
const EXPECTED: Record<PlanField, MessageKey> = {
	unit: 'plans.expect.unit',
	indices: 'plans.expect.indices',
	kind: 'plans.expect.kind',
	baselineYear: 'plans.expect.year',
	firstStep: 'plans.expect.step',
	yearlyStep: 'plans.expect.step',
	horizon: 'plans.expect.year',
	targetRank: 'plans.expect.rank',
	document: 'plans.expect.text',
	issuedOn: 'plans.expect.date',
	issuedBy: 'plans.expect.text',
	source: 'plans.expect.text'
};

/** The field's name in `locale`, as the form labels it. */
export function fieldLabel(field: PlanField, locale: Locale): string {
	return t(locale, `plans.field.${field}` as MessageKey);
}

const shown = (value: unknown) => (Array.isArray(value) ? value.join(', ') : value === undefined || value === null ? '' : String(value));

/** One zod issue of `planEntrySchema` as a sentence: the field, the value given, what was expected. */
function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>, locale: Locale): string {
	const field = (issue.path[0] ?? 'unit') as PlanField;
	const label = fieldLabel(field, locale);
	const value = shown(raw[field]);
	const rule = issue.code === 'custom' ? (issue.params as { rule?: string } | undefined)?.rule : undefined;
	if (rule === 'horizonAfterBaseline') {
		return t(locale, 'plans.error.horizonAfterBaseline', { baseline: shown(raw.baselineYear), horizon: value });
	}
	if (rule === 'required' || value.trim() === '') {
		return t(locale, 'plans.error.required', { field: label, expected: t(locale, EXPECTED[field]) });
	}
	return t(locale, 'plans.error.field', { field: label, value, expected: t(locale, EXPECTED[field]) });
}

/**
 * A plan as entered (form fields, CLI options or JSON, keyed as PLAN_FIELDS),
 * checked and resolved: the unit looked up by code, name or alias (a name
 * shared by a pre-2025 province and its successor means the one that exists at
 * the horizon, else the one that exists today), the indices by id, slug or
 * short name. Refused with every problem found, one sentence each.
 */
export function checkPlanEntry(
	raw: Record<string, unknown>,
	reference: { units: UnitMatcher; indices: IndexDef[] },
	locale: Locale
): { ok: true; value: PlanDraft } | { ok: false; problems: string[] } {
	const parsed = planEntrySchema.safeParse(raw);
	const problems = parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(issue, raw, locale));
	// The unit and indices are looked up even when other fields failed: the person fixes everything at once.
	const unitText = typeof raw.unit === 'string' ? raw.unit.trim() : '';
	let unitCode: string | null = null;
	if (unitText) {
		const horizon = Number(raw.horizon);
		const atHorizon = Number.isInteger(horizon) ? reference.units.match(unitText, horizon) : null;
		const match = atHorizon?.ok ? atHorizon : reference.units.match(unitText);
		if (match.ok) unitCode = match.unit.code;
		else problems.push(t(locale, 'plans.error.unknownUnit', { value: unitText, closest: match.suggestions.join(', ') }));
	}
	const indexTexts = indexList.safeParse(raw.indices);
	const indexIds: string[] = [];
	for (const name of indexTexts.success ? indexTexts.data : []) {
		const index = findIndex(reference.indices, name);
		if (index) {
			if (!indexIds.includes(index.id)) indexIds.push(index.id);
		} else {
			problems.push(t(locale, 'plans.error.unknownIndex', { value: name, known: reference.indices.map((i) => i.id).join(', ') }));
		}
	}
	if (!parsed.success || problems.length > 0 || unitCode === null) return { ok: false, problems };
	const plan = parsed.data;
	const rise = plan.kind === 'rise';
	return {
		ok: true,
		value: {
			unitCode,
			indices: indexIds,
			kind: plan.kind,
			baselineYear: plan.baselineYear,
			firstStep: rise ? plan.firstStep! : null,
			// The directive's "higher than the year before": one place a year unless the document says otherwise.
			yearlyStep: rise ? (plan.yearlyStep ?? 1) : null,
			horizon: plan.horizon,
			targetRank: rise ? null : plan.targetRank!,
			document: plan.document,
			issuedOn: plan.issuedOn,
			issuedBy: plan.issuedBy,
			source: plan.source ?? null
		}
	};
}

/**
 * A plan's rule in words, all of it as entered: "tăng 5 bậc so với 2022, sau
 * đó mỗi năm tăng 1 bậc, đến 2030". The plans page and `chiso plan` show this;
 * the dashboard's shorter `planText` (src/lib/ui/captions.ts) leaves out the
 * yearly step and an absolute plan's baseline, which an editor needs to see.
 */
export function ruleText(
	plan: PlanRuleFields,
	locale: Locale
): string {
	return plan.kind === 'rise'
		? t(locale, 'plans.rule.rise', { first: plan.firstStep ?? 0, yearly: plan.yearlyStep ?? 1, baseline: plan.baselineYear, horizon: plan.horizon })
		: t(locale, 'plans.rule.absolute', { rank: plan.targetRank ?? 0, baseline: plan.baselineYear, horizon: plan.horizon });
}

/**
 * A unit's name with the years that tell two units of one name apart:
 * "Quảng Ngãi (đến 2025)", "Quảng Ngãi (từ 7/2025)"; the bare name otherwise.
 */
export function unitLabel(unit: { name: string; validFrom: string | null; validTo: string | null }, locale: Locale): string {
	if (unit.validTo) return t(locale, 'plans.unit.until', { name: unit.name, year: unit.validTo.slice(0, 4) });
	if (unit.validFrom) {
		return t(locale, 'plans.unit.from', { name: unit.name, month: Number(unit.validFrom.slice(5, 7)), year: unit.validFrom.slice(0, 4) });
	}
	return unit.name;
}

/**
 * Plans as stored (migration 9): every plan is a sequence of versions, and
 * adding, changing or retiring one appends a version, so nothing a leader
 * entered is ever overwritten. The plan in force is its latest version unless
 * that version retires it. Called by the /plans page, /api/plans, `chiso plan`
 * and, for the plans in force, the target engine (targets.ts).
 */
import { listValue, type DuckDBConnection } from './duckdb.ts';
import { query, queryCamel, rowsOn, transaction } from './db.ts';
import { checkPlanEntry, type PlanDraft, type PlanField, type PlanKind, type PlanRuleFields } from '../domain/plan-entry.ts';
import type { Locale, MessageKey } from '../i18n/index.ts';
import '../i18n/areas/plans.ts';
import { loadCatalogue, loadUnitMatcher } from './reference.ts';
import { recordAudit, type Actor, type AuditDetail } from './audit.ts';

export type PlanAction = 'added' | 'changed' | 'retired';

/** One version of a plan, as the history shows it. */
export interface PlanVersion extends PlanRuleFields {
	id: string;
	version: number;
	action: PlanAction;
	unitCode: string;
	unitName: string;
	/** The unit's last day, when it was merged away (tells the old Quảng Ngãi from the new one). */
	unitValidTo: string | null;
	unitValidFrom: string | null;
	indices: string[];
	document: string | null;
	issuedOn: string | null;
	issuedBy: string | null;
	source: string | null;
	/** The rule every unit without a plan of its own is judged by (the shipped directive). */
	defaultRule: boolean;
	enteredBy: string;
	/** `YYYY-MM-DD HH:MM:SS`, the database's clock. */
	enteredAt: string;
}

/** A plan in the list: its latest version and how many versions it has had. */
export interface PlanSummary extends PlanVersion {
	retired: boolean;
	versions: number;
}

/** A plan in force, one row per index, as the target engine reads it. */
export interface ActivePlanRow {
	id: string;
	index_id: string;
	unit_code: string;
	kind: PlanKind;
	baseline_year: number;
	first_step: number | null;
	yearly_step: number | null;
	horizon: number;
	target_rank: number | null;
	default_rule: boolean;
}

/** A refused change: an unknown plan, a retired one, or the default rule being retired. */
export class PlanError extends Error {
	constructor(
		readonly key: MessageKey,
		readonly planId: string
	) {
		super(`${key}: ${planId}`);
	}
}

const VERSION_COLUMNS = `p.id, p.version, p.action, p.unit_code, u.name_vi AS unit_name,
	strftime(u.valid_to, '%Y-%m-%d') AS unit_valid_to, strftime(u.valid_from, '%Y-%m-%d') AS unit_valid_from,
	p.indices, p.kind, p.baseline_year, p.first_step, p.yearly_step, p.horizon, p.target_rank, p.document, p.issued_on,
	p.issued_by, p.source, p.default_rule, p.entered_by, strftime(p.entered_at, '%Y-%m-%d %H:%M:%S') AS entered_at`;

/** Each plan's latest version (retired ones too), with its number of versions. */
const LATEST_VERSIONS = `
	SELECT ${VERSION_COLUMNS}, p.action = 'retired' AS retired, count(*) OVER (PARTITION BY p.id)::INTEGER AS versions
	  FROM plans p LEFT JOIN units u ON u.code = p.unit_code
	QUALIFY p.version = max(p.version) OVER (PARTITION BY p.id)
	 ORDER BY retired, u.name_vi, p.horizon DESC, p.id`;

const HISTORY = `
	SELECT ${VERSION_COLUMNS} FROM plans p LEFT JOIN units u ON u.code = p.unit_code
	 WHERE p.id = $1 ORDER BY p.version`;

/** The plans in force, one row per index, latest horizon first: latest versions that do not retire their plan. */
const ACTIVE_ROWS = `
	SELECT id, unnest(indices) AS index_id, unit_code, kind, baseline_year, first_step, yearly_step, horizon, target_rank, default_rule
	  FROM plans
	QUALIFY version = max(version) OVER (PARTITION BY id) AND action <> 'retired'
	 ORDER BY horizon DESC, id, index_id`;

const INSERT_VERSION = `
	INSERT INTO plans (id, version, action, unit_code, indices, kind, baseline_year, first_step, yearly_step, horizon,
	                   target_rank, issued_by, document, issued_on, source, default_rule, entered_by)
	VALUES ($id, $version, $action, $unit, $indices, $kind, $baseline, $firstStep, $yearlyStep, $horizon,
	        $targetRank, $issuedBy, $document, $issuedOn, $source, $defaultRule, $by)`;

/** Every plan's latest version, those in force first, then by unit name and latest horizon. */
export function listPlans(): Promise<PlanSummary[]> {
	return queryCamel<PlanSummary>(LATEST_VERSIONS);
}

/** Every version of a plan, oldest first; empty for an unknown id. */
export function planHistory(id: string): Promise<PlanVersion[]> {
	return queryCamel<PlanVersion>(HISTORY, [id]);
}

/** The plans in force, one row per index, latest horizon first (target evaluation and the overview read these). */
export function activePlanRows(): Promise<ActivePlanRow[]> {
	return query<ActivePlanRow & Record<string, unknown>>(ACTIVE_ROWS);
}

/** A readable id from the unit and years (`quang-ngai-2024-2030`), numbered on when taken. */
function newPlanId(unitName: string, draft: PlanDraft, taken: Set<string>): string {
	const base = `${unitName}-${draft.baselineYear}-${draft.horizon}`
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/^(tp\.?|thanh pho|tinh)\s+/, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	return id;
}

async function latestOn(connection: DuckDBConnection, id: string) {
	const [latest] = await rowsOn<{ version: number; action: PlanAction; default_rule: boolean }>(
		connection,
		'SELECT version, action, default_rule FROM plans WHERE id = $1 ORDER BY version DESC LIMIT 1',
		[id]
	);
	return latest ?? null;
}

function versionParams(id: string, version: number, action: PlanAction, draft: PlanDraft, defaultRule: boolean, by: Actor) {
	return {
		id, version, action, unit: draft.unitCode, indices: listValue(draft.indices),
		kind: draft.kind, baseline: draft.baselineYear, firstStep: draft.firstStep, yearlyStep: draft.yearlyStep, horizon: draft.horizon,
		targetRank: draft.targetRank, issuedBy: draft.issuedBy, document: draft.document, issuedOn: draft.issuedOn, source: draft.source,
		defaultRule, by: by.name
	};
}

/** A plan's fields as stored and as drafted, for the audit trail's old → new. */
const AUDITED_FIELDS = [
	['unit_code', 'unitCode'], ['indices', 'indices'], ['kind', 'kind'], ['baseline_year', 'baselineYear'], ['first_step', 'firstStep'],
	['yearly_step', 'yearlyStep'], ['horizon', 'horizon'], ['target_rank', 'targetRank'], ['document', 'document'],
	['issued_on', 'issuedOn'], ['issued_by', 'issuedBy'], ['source', 'source']
] as const;

/** The fields of `draft` that differ from version `version` of plan `id`, each as old → new. */
async function changedFields(connection: DuckDBConnection, id: string, version: number, draft: PlanDraft): Promise<AuditDetail> {
	const [stored] = await rowsOn(connection, `SELECT ${AUDITED_FIELDS.map(([column]) => column).join(', ')} FROM plans WHERE id = $1 AND version = $2`, [id, version]);
	const changes: AuditDetail = {};
	for (const [column, field] of AUDITED_FIELDS) {
		const from = column === 'indices' ? (stored[column] as string[]).join(',') : ((stored[column] ?? null) as string | number | null);
		const to = field === 'indices' ? draft.indices.join(',') : draft[field] ?? null;
		if (from !== to) changes[field] = { from, to };
	}
	return changes;
}

/** Stores a new plan entered by `by` (audited); returns its first version. */
export async function addPlan(draft: PlanDraft, by: Actor): Promise<PlanVersion> {
	const id = await transaction(async (connection) => {
		const [unit] = await rowsOn<{ name_ascii: string | null; name_vi: string }>(
			connection,
			'SELECT name_ascii, name_vi FROM units WHERE code = $1',
			[draft.unitCode]
		);
		const taken = new Set((await rowsOn<{ id: string }>(connection, 'SELECT DISTINCT id FROM plans')).map((p) => p.id));
		const id = newPlanId(unit?.name_ascii ?? unit?.name_vi ?? draft.unitCode, draft, taken);
		await connection.run(INSERT_VERSION, versionParams(id, 1, 'added', draft, false, by));
		await recordAudit(connection, {
			kind: 'plan.add', actor: by, target: id,
			detail: { unit: draft.unitCode, indices: draft.indices, kind: draft.kind, baselineYear: draft.baselineYear, horizon: draft.horizon }
		});
		return id;
	});
	return (await planHistory(id))[0];
}

/**
 * Stores `draft` as the plan's next version; the earlier ones stay as its
 * history. A retired plan is not changed (add a new one instead). Audited
 * with the fields that changed, old → new.
 */
export async function changePlan(id: string, draft: PlanDraft, by: Actor): Promise<PlanVersion> {
	await transaction(async (connection) => {
		const latest = await latestOn(connection, id);
		if (!latest) throw new PlanError('plans.error.unknownPlan', id);
		if (latest.action === 'retired') throw new PlanError('plans.error.retired', id);
		const changes = await changedFields(connection, id, latest.version, draft);
		await connection.run(INSERT_VERSION, versionParams(id, latest.version + 1, 'changed', draft, latest.default_rule, by));
		await recordAudit(connection, { kind: 'plan.change', actor: by, target: id, detail: { version: latest.version + 1, ...changes } });
	});
	return (await planHistory(id)).at(-1)!;
}

/**
 * Retires a plan: a last version that takes it out of the overview and of
 * target evaluation, its history kept. The default rule cannot be retired:
 * every unit without a plan of its own is judged by it (change it instead).
 * Audited.
 */
export async function retirePlan(id: string, by: Actor): Promise<PlanVersion> {
	await transaction(async (connection) => {
		const latest = await latestOn(connection, id);
		if (!latest) throw new PlanError('plans.error.unknownPlan', id);
		if (latest.action === 'retired') throw new PlanError('plans.error.retired', id);
		if (latest.default_rule) throw new PlanError('plans.error.defaultRule', id);
		await connection.run(
			`INSERT INTO plans SELECT * REPLACE ($2 AS version, 'retired' AS action, $3 AS entered_by, current_timestamp AS entered_at)
			   FROM plans WHERE id = $1 AND version = $2 - 1`,
			[id, latest.version + 1, by.name]
		);
		await recordAudit(connection, { kind: 'plan.retire', actor: by, target: id, detail: { version: latest.version + 1 } });
	});
	return (await planHistory(id)).at(-1)!;
}

/** A plan as entered (form, CLI, JSON), checked against the stored units and index catalogue (see `checkPlanEntry`). */
export async function checkPlan(raw: Record<string, unknown>, locale: Locale) {
	const [units, { indices }] = await Promise.all([loadUnitMatcher(), loadCatalogue()]);
	return checkPlanEntry(raw, { units, indices }, locale);
}

/** A stored version as the fields a person edits: the start of a change (the form, `chiso plan change`). */
export function entryOf(version: PlanVersion): Record<PlanField, string> {
	const text = (v: string | number | null) => (v === null ? '' : String(v));
	return {
		unit: version.unitCode,
		indices: version.indices.join(','),
		kind: version.kind,
		baselineYear: text(version.baselineYear),
		firstStep: text(version.firstStep),
		yearlyStep: text(version.yearlyStep),
		horizon: text(version.horizon),
		targetRank: text(version.targetRank),
		document: text(version.document),
		issuedOn: text(version.issuedOn),
		issuedBy: text(version.issuedBy),
		source: text(version.source)
	};
}

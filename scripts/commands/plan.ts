/**
 * `chiso plan list|show|add|change|retire`: the target plans leaders set,
 * through the same module as the /plans page and /api/plans
 * (src/lib/server/plans.ts). A change or a retirement adds a version; `show`
 * prints every version.
 */
import { checkPlan, changePlan, entryOf, listPlans, planHistory, PlanError, retirePlan, addPlan, type PlanVersion } from '../../src/lib/server/plans.ts';
import { ruleText, unitLabel, type PlanField } from '../../src/lib/domain/plan-entry.ts';
import { t, type Locale } from '../../src/lib/i18n/index.ts';
import '../../src/lib/i18n/areas/plans.ts';
import { cliActor, parseOptions, UsageError, type Command } from './command.ts';

/** The options of `add` and `change`, each the field of the same meaning. */
const FIELD_OPTIONS: Record<string, PlanField> = {
	unit: 'unit',
	index: 'indices',
	kind: 'kind',
	baseline: 'baselineYear',
	'first-step': 'firstStep',
	'yearly-step': 'yearlyStep',
	horizon: 'horizon',
	rank: 'targetRank',
	document: 'document',
	'issued-on': 'issuedOn',
	'issued-by': 'issuedBy',
	source: 'source'
};

const OPTIONS = {
	...Object.fromEntries(Object.keys(FIELD_OPTIONS).map((name) => [name, { type: 'string' as const }])),
	all: { type: 'boolean' as const, default: false },
	json: { type: 'boolean' as const, default: false }
};

function describe(p: PlanVersion, locale: Locale): string {
	const unit = unitLabel({ name: p.unitName, validFrom: p.unitValidFrom, validTo: p.unitValidTo }, locale);
	return `${unit} · ${p.indices.join(', ')} · ${ruleText(p, locale)}`;
}

function printVersion(v: PlanVersion, locale: Locale) {
	console.log(`  v${v.version} ${t(locale, `plans.action.${v.action}`)} · ${v.enteredBy} · ${v.enteredAt}`);
	console.log(`    ${describe(v, locale)}`);
	console.log(`    ${t(locale, 'plans.document', { document: v.document ?? '—', issuedBy: v.issuedBy ?? '—', issuedOn: v.issuedOn ?? '—' })}`);
	if (v.source) console.log(`    ${v.source}`);
}

export const plan: Command = {
	usage:
		'plan list [--all] [--json] | show ID [--json] | retire ID | add|change [ID] --unit NAME --index I[,I] --kind rise|absolute --baseline Y --horizon H (--first-step S [--yearly-step S] | --rank R) --document TEXT --issued-on DATE --issued-by TEXT [--source TEXT]',
	summary: 'target plans: list, show a plan’s versions, add, change (a new version), retire (history kept)',
	async run(args, { locale }) {
		const { values, positionals } = parseOptions(args, OPTIONS);
		const given = values as Record<string, string | boolean | undefined>;
		const [action, id, ...extra] = positionals;
		if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
		const fields = Object.fromEntries(
			Object.entries(FIELD_OPTIONS).flatMap(([option, field]) => (given[option] === undefined ? [] : [[field, given[option]]]))
		) as Partial<Record<PlanField, string>>;
		if (action !== 'add' && action !== 'change' && Object.keys(fields).length > 0) throw new UsageError(`plan ${action} takes no plan fields`);
		try {
			if (action === 'list') {
				if (id) throw new UsageError('plan list takes no id');
				return await list(values.all, values.json, locale);
			}
			if (action === 'add') {
				if (id) throw new UsageError('plan add takes no id: one is made from the unit and years');
				return await save(null, fields, locale);
			}
			if (!['show', 'change', 'retire'].includes(action ?? '') || !id) {
				throw new UsageError('plan needs an action: list, show ID, add, change ID or retire ID');
			}
			if (action === 'show') return await show(id, values.json, locale);
			if (action === 'change') return await save(id, fields, locale);
			const retired = await retirePlan(id, cliActor());
			console.log(t(locale, 'plans.cli.retired', { id, version: retired.version }));
			return 0;
		} catch (error) {
			if (error instanceof PlanError) {
				console.error(t(locale, error.key, { id: error.planId }));
				return 1;
			}
			throw error;
		}
	}
};

async function list(all: boolean, json: boolean, locale: Locale): Promise<number> {
	const plans = (await listPlans()).filter((p) => all || !p.retired);
	if (json) {
		console.log(JSON.stringify(plans, null, 2));
		return 0;
	}
	if (plans.length === 0) console.log(t(locale, 'plans.cli.none'));
	for (const p of plans) {
		const marks = [p.retired ? t(locale, 'plans.cli.retiredMark') : '', p.defaultRule ? t(locale, 'plans.cli.defaultMark') : ''].filter(Boolean);
		console.log(`${p.id.padEnd(24)} v${p.versions}  ${describe(p, locale)}${marks.length ? ` ${marks.join(' ')}` : ''}`);
	}
	return 0;
}

async function show(id: string, json: boolean, locale: Locale): Promise<number> {
	const history = await planHistory(id);
	if (history.length === 0) throw new PlanError('plans.error.unknownPlan', id);
	if (json) {
		console.log(JSON.stringify(history, null, 2));
		return 0;
	}
	console.log(id);
	for (const version of history) printVersion(version, locale);
	return 0;
}

/** Adds a plan (`id` null) or changes one: the given fields over its latest version. */
async function save(id: string | null, fields: Partial<Record<PlanField, string>>, locale: Locale): Promise<number> {
	let start = {};
	if (id !== null) {
		const latest = (await planHistory(id)).at(-1);
		if (!latest) throw new PlanError('plans.error.unknownPlan', id);
		start = entryOf(latest);
	}
	const checked = await checkPlan({ ...start, ...fields }, locale);
	if (!checked.ok) {
		for (const problem of checked.problems) console.error(problem);
		return 1;
	}
	if (id === null) {
		const added = await addPlan(checked.value, cliActor());
		console.log(t(locale, 'plans.cli.added', { id: added.id }));
	} else {
		const changed = await changePlan(id, checked.value, cliActor());
		console.log(t(locale, 'plans.cli.changed', { id, version: changed.version }));
	}
	return 0;
}

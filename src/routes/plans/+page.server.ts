/**
 * /plans: the target plans. Analysts and admins read the list and a plan's
 * history (`?history=ID`); admins also add, change (a new version, the form
 * opened by `?change=ID`) and retire plans. The work is done by
 * src/lib/server/plans.ts, as for `chiso plan` and /api/plans.
 */
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAnalystPage } from '$lib/server/import/http';
import { PLAN_WRITER, requirePlanWriter, orPlanError } from '$lib/server/plans-http';
import { roleAtLeast } from '$lib/domain/accounts';
import { addPlan, changePlan, checkPlan, entryOf, listPlans, planHistory, retirePlan } from '$lib/server/plans';
import { loadCatalogue, loadUnits } from '$lib/server/reference';
import { PLAN_FIELDS, unitLabel } from '$lib/domain/plan-entry';
import type { Locale } from '$lib/i18n';
import { actorOf } from '$lib/server/auth/guard';

export const load: PageServerLoad = async (event) => {
	const user = requireAnalystPage(event);
	const { url, locals } = event;
	const canWrite = roleAtLeast(user.role, PLAN_WRITER);
	const [plans, units, { indices }] = await Promise.all([listPlans(), loadUnits(), loadCatalogue()]);
	const historyId = url.searchParams.get('history');
	const changeId = url.searchParams.get('change');
	const history = historyId ? await planHistory(historyId) : [];
	const changing = changeId ? (await planHistory(changeId)).at(-1) : undefined;
	return {
		plans,
		history: history.length > 0 ? { id: historyId!, versions: history } : null,
		canWrite,
		change: canWrite && changing && changing.action !== 'retired' ? { id: changing.id, values: entryOf(changing) } : null,
		units: units
			.map((u) => ({ code: u.code, label: unitLabel({ name: u.nameVi, validFrom: u.validFrom, validTo: u.validTo }, locals.locale) }))
			.sort((a, b) => a.label.localeCompare(b.label, 'vi')),
		indices: indices.map((i) => ({ id: i.id, short: locals.locale === 'vi' ? i.shortVi : i.shortEn })),
		done: url.searchParams.get('done')
	};
};

/** The form's fields as the plan checks read them: every field text, the indices a list of the ticked boxes. */
function formFields(data: FormData): Record<string, unknown> {
	const fields: Record<string, unknown> = Object.fromEntries(PLAN_FIELDS.map((f) => [f, data.get(f) ?? '']));
	fields.indices = data.getAll('indices').map(String);
	return fields;
}

/** Back to the list with the plan's history open and what was done said. */
function shown(id: string, done: string, locale: Locale): never {
	const params = new URLSearchParams({ history: id, done });
	if (locale !== 'vi') params.set('lang', locale);
	redirect(303, `/plans?${params}`);
}

export const actions: Actions = {
	add: async (event) => {
		const user = requirePlanWriter(event);
		const { locale } = event.locals;
		const fields = formFields(await event.request.formData());
		const checked = await checkPlan(fields, locale);
		if (!checked.ok) return fail(400, { form: 'add' as const, problems: checked.problems, values: fields });
		const added = await addPlan(checked.value, actorOf(user, event));
		shown(added.id, 'added', locale);
	},
	change: async (event) => {
		const user = requirePlanWriter(event);
		const { locale } = event.locals;
		const data = await event.request.formData();
		const id = String(data.get('id') ?? '');
		const fields = formFields(data);
		const checked = await checkPlan(fields, locale);
		if (!checked.ok) return fail(400, { form: 'change' as const, id, problems: checked.problems, values: fields });
		await orPlanError(changePlan(id, checked.value, actorOf(user, event)), locale);
		shown(id, 'changed', locale);
	},
	retire: async (event) => {
		const user = requirePlanWriter(event);
		const { locale } = event.locals;
		const id = String((await event.request.formData()).get('id') ?? '');
		await orPlanError(retirePlan(id, actorOf(user, event)), locale);
		shown(id, 'retired', locale);
	}
};

/**
 * GET /api/plans/ID: every version of a plan, oldest first.
 * PUT /api/plans/ID: a new version, the fields sent over the latest one.
 * DELETE /api/plans/ID: retires the plan (a last version; the history stays).
 * Writes: admins.
 */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { changePlan, entryOf, planHistory, retirePlan } from '$lib/server/plans';
import { draftOrBadRequest, orPlanError, requirePlanWriter } from '$lib/server/plans-http';
import { t } from '$lib/i18n';
import '$lib/i18n/areas/plans';
import { actorOf } from '$lib/server/auth/guard';

export const GET: RequestHandler = async ({ params, locals }) => {
	const history = await planHistory(params.id);
	if (history.length === 0) error(404, t(locals.locale, 'plans.error.unknownPlan', { id: params.id }));
	return json(history);
};

export const PUT: RequestHandler = async (event) => {
	const user = requirePlanWriter(event);
	const { locale } = event.locals;
	const latest = (await planHistory(event.params.id)).at(-1);
	if (!latest) error(404, t(locale, 'plans.error.unknownPlan', { id: event.params.id }));
	const body = await event.request.json().catch(() => null);
	const draft = await draftOrBadRequest(typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...entryOf(latest), ...body } : body, locale);
	if (draft instanceof Response) return draft;
	return json(await orPlanError(changePlan(event.params.id, draft, actorOf(user, event)), locale));
};

export const DELETE: RequestHandler = async (event) => {
	const user = requirePlanWriter(event);
	return json(await orPlanError(retirePlan(event.params.id, actorOf(user, event)), event.locals.locale));
};

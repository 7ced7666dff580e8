/**
 * GET /api/plans: every plan's latest version (retired ones flagged).
 * POST /api/plans: adds a plan (admins; JSON with the fields of
 * `chiso plan add`, named as in src/lib/domain/plan-entry.ts).
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { addPlan, listPlans } from '$lib/server/plans';
import { draftOrBadRequest, requirePlanWriter } from '$lib/server/plans-http';
import { actorOf } from '$lib/server/auth/guard';

export const GET: RequestHandler = async () => json(await listPlans());

export const POST: RequestHandler = async (event) => {
	const user = requirePlanWriter(event);
	const draft = await draftOrBadRequest(await event.request.json().catch(() => null), event.locals.locale);
	if (draft instanceof Response) return draft;
	return json(await addPlan(draft, actorOf(user, event)), { status: 201 });
};

/**
 * What the plan endpoints and the /plans page share: the signed-in user who
 * may write plans, a plan as entered checked into a draft or a 400 listing
 * every problem, and a refused change (PlanError) as its HTTP status.
 */
import { error, json } from '@sveltejs/kit';
import type { Role } from '../domain/accounts.ts';
import { t, type Locale } from '../i18n/index.ts';
import '../i18n/areas/plans.ts';
import type { User } from './auth/users.ts';
import { requireRole } from './auth/guard.ts';
import { checkPlan, PlanError } from './plans.ts';
import type { PlanDraft } from '../domain/plan-entry.ts';

/**
 * Who may write plans: admins, as the roles were laid out (README: the admin
 * manages accounts and target plans). A plan sets the bar every verdict is
 * judged against, so the analysts who import the figures read plans but do
 * not move the bar: the two duties stay apart.
 */
export const PLAN_WRITER: Role = 'admin';

/** The user allowed to write plans, or 401 (signed out) / 403 (viewer, analyst). */
export function requirePlanWriter(event: { locals: { user: User | null; locale: Locale } }): User {
	return requireRole(event, PLAN_WRITER);
}

/** Checks a JSON body as a plan; answers 400 with `{ message, problems }` when it is not one. */
export async function draftOrBadRequest(body: unknown, locale: Locale): Promise<PlanDraft | Response> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return json({ message: t(locale, 'plans.error.body'), problems: [] }, { status: 400 });
	const checked = await checkPlan(body as Record<string, unknown>, locale);
	return checked.ok ? checked.value : json({ message: checked.problems.join(' '), problems: checked.problems }, { status: 400 });
}

/** Runs a change of a stored plan; a refusal becomes 404 (no such plan) or 409 (retired, default rule). */
export async function orPlanError<T>(work: Promise<T>, locale: Locale): Promise<T> {
	try {
		return await work;
	} catch (e) {
		if (e instanceof PlanError) error(e.key === 'plans.error.unknownPlan' ? 404 : 409, t(locale, e.key, { id: e.planId }));
		throw e;
	}
}

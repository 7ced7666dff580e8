/**
 * /admin/users: accounts, for admins. Plain forms (SvelteKit form actions:
 * they work without script, and SvelteKit's origin check refuses a post from
 * another site); the work and its rules (the last admin stays, every change
 * audited) are in src/lib/server/auth/users.ts, as for `chiso user`.
 */
import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf, requireRole, requireRolePage } from '$lib/server/auth/guard';
import { AccountError, type AccountOutcome as Outcome, addUser, listUsers, randomPassword, removeUser, resetPassword, setRole, signOutEverywhere } from '$lib/server/auth/users';
import type { Actor } from '$lib/server/audit';
import { checkPassword, checkRole, checkUserName, ROLES } from '$lib/domain/accounts';
import { t, type Locale } from '$lib/i18n';
import '$lib/i18n/areas/accounts';
import '$lib/i18n/areas/admin';

export const load: PageServerLoad = async (event) => {
	const admin = requireRolePage(event, 'admin');
	return { users: await listUsers(), me: admin.name, roles: ROLES };
};



/**
 * Runs one account action for an admin on the account named in the form; a
 * refused change (unknown account, the last admin, a taken name) comes back
 * as the message the page shows.
 */
async function accountAction(
	event: RequestEvent,
	work: (by: Actor, name: string, data: FormData, locale: Locale) => Promise<Outcome | ActionFailure<Outcome>>
): Promise<Outcome | ActionFailure<Outcome>> {
	const admin = requireRole(event, 'admin');
	const { locale } = event.locals;
	const data = await event.request.formData();
	const name = checkUserName(data.get('name'), locale);
	if (!name.ok) return fail(400, { message: name.message, values: { name: String(data.get('name') ?? ''), role: String(data.get('role') ?? '') } });
	try {
		return await work(actorOf(admin, event), name.value, data, locale);
	} catch (e) {
		if (e instanceof AccountError) return fail(e.reason === 'unknown' ? 404 : 409, { message: t(locale, `accounts.error.${e.reason}`, { name: e.userName }) });
		throw e;
	}
}

const role = (locale: Locale, value: string) => t(locale, `accounts.role.${value}` as 'accounts.role.admin');

export const actions: Actions = {
	add: (event) =>
		accountAction(event, async (by, name, data, locale) => {
			const values = { name, role: String(data.get('role') ?? '') };
			const checkedRole = checkRole(data.get('role'), locale);
			if (!checkedRole.ok) return fail(400, { message: checkedRole.message, values });
			const typed = String(data.get('password') ?? '');
			const checkedPassword = typed === '' ? { ok: true as const, value: randomPassword() } : checkPassword(typed, locale);
			if (!checkedPassword.ok) return fail(400, { message: checkedPassword.message, values });
			await addUser({ name, role: checkedRole.value }, checkedPassword.value, by);
			const done = t(locale, 'admin.users.done.add', { name, role: role(locale, checkedRole.value) });
			// A password the admin typed is known to them; only a generated one is shown.
			return typed === '' ? { done, password: checkedPassword.value, passwordOf: name } : { done };
		}),
	role: (event) =>
		accountAction(event, async (by, name, data, locale) => {
			const checked = checkRole(data.get('role'), locale);
			if (!checked.ok) return fail(400, { message: checked.message });
			const old = await setRole(name, checked.value, by);
			return { done: t(locale, 'admin.users.done.role', { name, old: role(locale, old), role: role(locale, checked.value) }) };
		}),
	reset: (event) =>
		accountAction(event, async (by, name, _data, locale) => {
			const { password, sessions } = await resetPassword(name, by);
			return { done: t(locale, 'admin.users.done.reset', { name, sessions }), password, passwordOf: name };
		}),
	revoke: (event) =>
		accountAction(event, async (by, name, _data, locale) => ({
			done: t(locale, 'admin.users.done.revoke', { name, sessions: await signOutEverywhere(name, by) })
		})),
	remove: (event) =>
		accountAction(event, async (by, name, _data, locale) => ({
			done: t(locale, 'admin.users.done.remove', { name, sessions: await removeUser(name, by) })
		}))
};

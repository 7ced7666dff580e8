/** Admin-only account removal (its sessions are revoked with it). */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { actorOf, requireRole } from '$lib/server/auth/guard';
import { removeUser, AccountError } from '$lib/server/auth/users';
import { t } from '$lib/i18n';
import '$lib/i18n/areas/accounts';

export const DELETE: RequestHandler = async (event) => {
	const admin = requireRole(event, 'admin');
	try {
		await removeUser(event.params.name.toLowerCase(), actorOf(admin, event));
	} catch (e) {
		if (e instanceof AccountError) error(e.reason === 'lastAdmin' ? 409 : 404, t(event.locals.locale, `accounts.error.${e.reason}`, { name: e.userName }));
		throw e;
	}
	return new Response(null, { status: 204 });
};

/** Admin-only account removal (its sessions are revoked with it). */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { removeUser, AccountError } from '$lib/server/auth/users';
import { t } from '$lib/i18n';

export const DELETE: RequestHandler = async (event) => {
	requireRole(event, 'admin');
	try {
		await removeUser(event.params.name.toLowerCase());
	} catch (e) {
		if (e instanceof AccountError) error(404, t(event.locals.locale, 'accounts.error.unknown', { name: e.userName }));
		throw e;
	}
	return new Response(null, { status: 204 });
};

/** Admin-only account creation: a thin wrapper around src/lib/server/auth/users.ts. */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { actorOf, requireRole } from '$lib/server/auth/guard';
import { addUser, AccountError } from '$lib/server/auth/users';
import { checkNewUser } from '$lib/domain/accounts';
import { t } from '$lib/i18n';
import '$lib/i18n/areas/accounts';

export const POST: RequestHandler = async (event) => {
	const admin = requireRole(event, 'admin');
	const { locale } = event.locals;
	const body = await event.request.json().catch(() => null);
	const parsed = checkNewUser(body, locale);
	if (!parsed.ok) error(400, parsed.message);
	const { password, ...user } = parsed.value;
	try {
		await addUser(user, password, actorOf(admin, event));
	} catch (e) {
		if (e instanceof AccountError) error(409, t(locale, 'accounts.error.exists', { name: e.userName }));
		throw e;
	}
	return json(user, { status: 201 });
};

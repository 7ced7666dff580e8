/**
 * Server start-up and per-request set-up: the database is built (first start)
 * before the first request; every request gets its interface language and its
 * signed-in user, and in private mode (CHISO_PRIVATE=1) signed-out requests
 * go to the sign-in page.
 */
import type { Handle, ServerInit } from '@sveltejs/kit';
import { ensureDatabase } from '$lib/server/setup';
import { privateGate, userFromCookie } from '$lib/server/auth/guard';
import { toLocale } from '$lib/i18n';

export const init: ServerInit = async () => {
	await ensureDatabase();
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.locale = toLocale(event.url.searchParams.get('lang'));
	event.locals.user = await userFromCookie(event.cookies);
	const refused = privateGate(event);
	if (refused) return refused;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

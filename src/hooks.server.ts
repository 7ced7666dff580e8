/**
 * Server start-up and per-request set-up: the database is built (first start)
 * before the first request; every request gets its interface language.
 */
import type { Handle, ServerInit } from '@sveltejs/kit';
import { ensureDatabase } from '$lib/server/setup';
import { toLocale } from '$lib/i18n';

export const init: ServerInit = async () => {
	await ensureDatabase();
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.locale = toLocale(event.url.searchParams.get('lang'));
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

/**
 * Server start-up and per-request set-up: the database is built (first start)
 * before the first request and the daily backups are scheduled (CHISO_BACKUP_DIR);
 * every request gets its interface language and its
 * signed-in user, and in private mode (CHISO_PRIVATE=1) signed-out requests
 * go to the sign-in page. Every answer carries the security headers
 * (security-headers.ts; the Content-Security-Policy is kit.csp's). Dashboard
 * pages are answered from the answers kept since the last commit when they can be.
 */
import type { Handle, ServerInit } from '@sveltejs/kit';
import { ensureDatabase } from '$lib/server/setup';
import { readSnapshot } from '$lib/server/db';
import { answerKey, isKeptRoute, keepAnswer, keptAnswer } from '$lib/server/answer-cache';
import { startBackupSchedule } from '$lib/server/backup-schedule';
import { privateGate, userFromCookie } from '$lib/server/auth/guard';
import { withSecurityHeaders } from '$lib/server/security-headers';
import { toLocale } from '$lib/i18n';

export const init: ServerInit = async () => {
	await ensureDatabase();
	startBackupSchedule();
};

export const handle: Handle = async (input) => withSecurityHeaders(await respond(input), input.event.url);

/** The answer itself: language, user, private gate, then the page or endpoint. */
const respond: Handle = async ({ event, resolve }) => {
	event.locals.locale = toLocale(event.url.searchParams.get('lang'));
	event.locals.user = await userFromCookie(event.cookies, event.url);
	const refused = privateGate(event);
	if (refused) return refused;
	const render = async () => resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale) });
	if (event.request.method === 'GET' && isKeptRoute(event.route.id)) {
		// A dashboard page already rendered for this reader, with the database unchanged since (answer-cache.ts).
		const key = answerKey(event.request.url, event.locals.user);
		return keptAnswer(key) ?? readSnapshot(async () => keepAnswer(key, await render()));
	}
	// A page or a read API answer is built from one snapshot (see readSnapshot); form posts and imports write.
	return event.request.method === 'GET' || event.request.method === 'HEAD' ? readSnapshot(render) : render();
};

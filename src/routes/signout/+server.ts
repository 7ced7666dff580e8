/** Sign-out: ends this browser's session and forgets the cookie. POST only, so a link or image cannot sign anybody out. */
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { revokeSession } from '$lib/server/auth/sessions';
import { clearSessionCookie, sessionCookieName } from '$lib/server/auth/guard';

export const POST: RequestHandler = async ({ cookies, url, locals, getClientAddress }) => {
	const token = cookies.get(sessionCookieName(url));
	// The cookie's session was live when this request began (else no user): its owner signs out.
	if (token && locals.user) await revokeSession(token, { name: locals.user.name, address: getClientAddress() });
	clearSessionCookie(cookies, url);
	redirect(303, locals.locale === 'vi' ? '/' : `/?lang=${locals.locale}`);
};

/**
 * The request side of accounts: the session cookie, `requireRole` for every
 * write endpoint, and the gate of private mode (CHISO_PRIVATE=1). Called by
 * hooks.server.ts, the sign-in and sign-out routes and the write endpoints.
 */
import { error, json, redirect, type Cookies } from '@sveltejs/kit';
import { roleAtLeast, SESSION_MAX_MS, type Role } from '../../domain/accounts.ts';
import { t, type Locale } from '../../i18n/index.ts';
import '../../i18n/areas/accounts.ts';
import { sessionUser } from './sessions.ts';
import type { User } from './users.ts';
import type { Actor } from '../audit.ts';

export const SESSION_COOKIE = 'chiso_session';

/**
 * The session cookie's name for a site at `url`: over HTTPS it carries the
 * `__Host-` prefix, so browsers accept it only Secure, for path `/` and with no
 * Domain (another host of the same domain cannot plant or overwrite it). Plain
 * http (a LAN server, tests) keeps the bare name: browsers refuse the prefix there.
 */
export function sessionCookieName(url: URL): string {
	return url.protocol === 'https:' ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** What the guard needs of a request event (a SvelteKit RequestEvent has it). */
interface GuardedEvent {
	locals: { user: User | null; locale: Locale };
}

/**
 * The signed-in user of this request, or an HTTP error: 401 when signed out,
 * 403 when the role is below `role`. Call first in every write endpoint and action.
 */
export function requireRole(event: GuardedEvent, role: Role): User {
	const { user, locale } = event.locals;
	if (!user) error(401, t(locale, 'accounts.error.signedOut'));
	if (!roleAtLeast(user.role, role)) error(403, t(locale, 'accounts.error.forbidden', { role: t(locale, `accounts.role.${role}` as const) }));
	return user;
}

/**
 * Who does a write, for the audit trail: `requireRole`'s user and the client's
 * address (the socket's, or the header named by ADDRESS_HEADER behind a proxy:
 * SvelteKit's adapter-node decides).
 */
export function actorOf(user: User, event: { getClientAddress(): string }): Actor {
	return { name: user.name, address: event.getClientAddress() };
}

/**
 * The guard of a page: a signed-out visitor goes to sign-in (and comes back
 * afterwards), a signed-in user below `role` gets the 403 of `requireRole`.
 */
export function requireRolePage(event: GuardedEvent & { url: URL }, role: Role): User {
	if (!event.locals.user) redirect(303, signinUrl(event.url, event.locals.locale));
	return requireRole(event, role);
}

/** The user of the request's session cookie, or null (no cookie, expired, revoked). */
export async function userFromCookie(cookies: Cookies, url: URL, now = new Date()): Promise<User | null> {
	const token = cookies.get(sessionCookieName(url));
	return token ? sessionUser(token, now) : null;
}

/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent
 * with another site's POST), Secure when the request came over HTTPS, and it
 * lasts as long as the session may at most.
 */
export function setSessionCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(sessionCookieName(url), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: SESSION_MAX_MS / 1000
	});
}

/** Removes the session cookie. */
export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(sessionCookieName(url), { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}

/** Whether the whole app needs a signed-in user (CHISO_PRIVATE=1). */
export function isPrivate(): boolean {
	return process.env.CHISO_PRIVATE === '1';
}

/** The pages a signed-out visitor may open in private mode. */
const PUBLIC_PATHS = new Set(['/signin']);

/**
 * In private mode, what a signed-out request gets instead of the page: API
 * calls a 401, pages a redirect to sign-in that comes back afterwards.
 * Null when the request may go on.
 */
export function privateGate(event: GuardedEvent & { url: URL }): Response | null {
	if (!isPrivate() || event.locals.user || PUBLIC_PATHS.has(event.url.pathname)) return null;
	const { locale } = event.locals;
	if (event.url.pathname.startsWith('/api/')) return json({ message: t(locale, 'accounts.error.signedOut') }, { status: 401 });
	return new Response(null, { status: 303, headers: { location: signinUrl(event.url, locale) } });
}

/** The sign-in page that returns to `from` afterwards. */
export function signinUrl(from: URL, locale: Locale): string {
	const params = new URLSearchParams({ next: from.pathname + from.search });
	if (locale !== 'vi') params.set('lang', locale);
	return `/signin?${params}`;
}

/** `next` when it is a path on this site, else the home page: never a redirect to another site. */
export function safeNext(next: string | null, locale: Locale): string {
	if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return next;
	return locale === 'vi' ? '/' : `/?lang=${locale}`;
}

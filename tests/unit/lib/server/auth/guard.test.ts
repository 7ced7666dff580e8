import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { clearSessionCookie, requireRole, safeNext, sessionCookieName, setSessionCookie, signinUrl } from '../../../../../src/lib/server/auth/guard.ts';
import type { User } from '../../../../../src/lib/server/auth/users.ts';
import type { Locale } from '../../../../../src/lib/i18n/index.ts';

function statusOf(user: User | null, role: 'analyst' | 'admin', locale: Locale = 'vi'): number | string {
	try {
		return requireRole({ locals: { user, locale } }, role).name;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

describe('requireRole', () => {
	it('answers 401 signed out, 403 below the role, and the user otherwise', () => {
		expect(statusOf(null, 'analyst')).toBe(401);
		expect(statusOf({ name: 'v', role: 'viewer' }, 'analyst')).toBe(403);
		expect(statusOf({ name: 'a', role: 'analyst' }, 'analyst')).toBe('a');
		expect(statusOf({ name: 'a', role: 'analyst' }, 'admin')).toBe(403);
		expect(statusOf({ name: 'd', role: 'admin' }, 'analyst')).toBe('d');
		expect(statusOf({ name: 'd', role: 'admin' }, 'admin')).toBe('d');
	});

	it('says why in the interface language', () => {
		let message = '';
		try {
			requireRole({ locals: { user: { name: 'v', role: 'viewer' }, locale: 'vi' } }, 'admin');
		} catch (e) {
			if (isHttpError(e)) message = e.body.message;
		}
		expect(message).toBe('Tài khoản của bạn không có quyền làm việc này (cần quyền quản trị).');
	});
});

describe('session cookie', () => {
	function cookieSet(url: string) {
		const calls: [string, string, Record<string, unknown>][] = [];
		const cookies = { set: (name: string, value: string, options: Record<string, unknown>) => calls.push([name, value, options]) };
		setSessionCookie(cookies as never, new URL(url), 'TOKEN');
		return calls[0];
	}

	it('is HttpOnly, SameSite=Lax, for the whole site, and lasts at most the 7 days of a session', () => {
		expect(cookieSet('http://127.0.0.1:3000/signin')).toEqual([
			'chiso_session',
			'TOKEN',
			{ path: '/', httpOnly: true, sameSite: 'lax', secure: false, maxAge: 604800 }
		]);
	});

	it('is Secure when the request came over HTTPS', () => {
		expect(cookieSet('https://chiso.kontum.gov.vn/signin')[2].secure).toBe(true);
	});

	it('over HTTPS is named __Host-chiso_session (Secure, path /, no Domain); on plain http the prefix would be refused, so not there', () => {
		const [name, , options] = cookieSet('https://chiso.kontum.gov.vn/signin');
		expect(name).toBe('__Host-chiso_session');
		expect(options).toMatchObject({ path: '/', secure: true });
		expect(options).not.toHaveProperty('domain');
		expect(sessionCookieName(new URL('http://127.0.0.1:3000/'))).toBe('chiso_session');
	});

	it('is removed under the name it was set with', () => {
		const removed: string[] = [];
		clearSessionCookie({ delete: (name: string) => removed.push(name) } as never, new URL('https://chiso.kontum.gov.vn/signout'));
		expect(removed).toEqual(['__Host-chiso_session']);
	});
});

describe('redirects around sign-in', () => {
	it('come back to the page asked for, keeping the language', () => {
		expect(signinUrl(new URL('http://h/import/history?lang=en'), 'en')).toBe('/signin?next=%2Fimport%2Fhistory%3Flang%3Den&lang=en');
		expect(signinUrl(new URL('http://h/'), 'vi')).toBe('/signin?next=%2F');
	});

	it('never lead to another site', () => {
		expect(safeNext('/import', 'vi')).toBe('/import');
		expect(safeNext('//evil.example/x', 'vi')).toBe('/');
		expect(safeNext('/\\evil.example', 'en')).toBe('/?lang=en');
		expect(safeNext('https://evil.example', 'vi')).toBe('/');
		expect(safeNext(null, 'vi')).toBe('/');
	});
});

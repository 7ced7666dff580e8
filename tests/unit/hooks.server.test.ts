/** The request hook against a real database: who is signed in, and private mode (CHISO_PRIVATE=1). */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { useTempDatabase } from '../helpers/temp-db.ts';
import { closeDatabase, query, transaction } from '../../src/lib/server/db.ts';
import { addUser } from '../../src/lib/server/auth/users.ts';
import { createSession, revokeSession } from '../../src/lib/server/auth/sessions.ts';
import { handle } from '../../src/hooks.server.ts';
import { actor } from '../helpers/actor.ts';

let analystToken = '';

beforeAll(async () => {
	useTempDatabase('hooks');
	await addUser({ name: 'lan', role: 'analyst' }, 'mật khẩu của Lan', actor('chiso'));
	analystToken = (await createSession('lan')).token;
});
afterAll(closeDatabase);
afterEach(() => {
	delete process.env.CHISO_PRIVATE;
});

/**
 * Runs the hook on GET (or `method`) `path` of the route `routeId` (SvelteKit's `event.route.id`; null: none
 * matched) with an optional session cookie; says whether the page was rendered.
 */
async function request(path: string, token?: string, render: () => Promise<unknown> = async () => {}, method = 'GET', routeId: string | null = null) {
	const event = {
		url: new URL(`http://127.0.0.1${path}`),
		request: new Request(`http://127.0.0.1${path}`, { method }),
		route: { id: routeId },
		cookies: { get: (name: string) => (name === 'chiso_session' ? token : undefined) },
		locals: {}
	} as unknown as RequestEvent;
	let rendered = false;
	const response = await handle({
		event,
		resolve: async () => {
			rendered = true;
			await render();
			return new Response('page', { headers: { 'content-type': 'text/html' } });
		}
	});
	return { rendered, status: response.status, location: response.headers.get('location'), locals: event.locals, response };
}

describe('handle', () => {
	it('puts the user of a live session cookie in locals, and nobody for none or a revoked one', async () => {
		expect((await request('/', analystToken)).locals.user).toEqual({ name: 'lan', role: 'analyst' });
		expect((await request('/')).locals.user).toBeNull();
		const { token } = await createSession('lan');
		await revokeSession(token, actor('lan'));
		expect((await request('/', token)).locals.user).toBeNull();
	});

	it('puts the security headers on every answer, a redirect of the private gate included', async () => {
		expect((await request('/')).response.headers.get('x-content-type-options')).toBe('nosniff');
		process.env.CHISO_PRIVATE = '1';
		const refused = await request('/import');
		expect(refused.status).toBe(303);
		expect(refused.response.headers.get('referrer-policy')).toBe('same-origin');
	});

	it('serves every page to a signed-out visitor when the app is not private', async () => {
		expect(await request('/?lang=en')).toMatchObject({ rendered: true, status: 200 });
	});

	it('in private mode, sends a signed-out visitor to sign-in and back, in their language', async () => {
		process.env.CHISO_PRIVATE = '1';
		expect(await request('/?unit=KT&lang=en')).toMatchObject({
			rendered: false,
			status: 303,
			location: '/signin?next=%2F%3Funit%3DKT%26lang%3Den&lang=en'
		});
	});

	it('in private mode, answers a signed-out API call with 401 and a message', async () => {
		process.env.CHISO_PRIVATE = '1';
		const result = await request('/api/users');
		expect(result).toMatchObject({ rendered: false, status: 401 });
		expect(await result.response.json()).toEqual({ message: 'Cần đăng nhập để làm việc này.' });
	});

	it('in private mode, still shows the sign-in page, and everything to a signed-in user', async () => {
		process.env.CHISO_PRIVATE = '1';
		expect(await request('/signin')).toMatchObject({ rendered: true, status: 200 });
		expect(await request('/', analystToken)).toMatchObject({ rendered: true, status: 200 });
	});

	it('renders a GET from one snapshot: a write committed meanwhile is not half-seen', async () => {
		const users = () => query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM users');
		const seen: number[] = [];
		await request('/', undefined, async () => {
			seen.push((await users())[0].n);
			await transaction((c) => c.run("INSERT INTO users VALUES ('snapshot-test', 'viewer', 'x', current_timestamp)"));
			seen.push((await users())[0].n);
		});
		expect(seen[1]).toBe(seen[0]);
		expect((await users())[0].n).toBe(seen[0] + 1);
	});

	it('answers a dashboard page again without rendering it, until a write commits; each user their own', async () => {
		const pci = (token?: string) => request('/pci?unit=KT', token, undefined, 'GET', '/[index]');
		expect((await pci()).rendered).toBe(true);
		expect(await pci()).toMatchObject({ rendered: false, status: 200 });
		expect(await (await pci()).response.text()).toBe('page');
		// Another reader (signed in) gets a page of their own; the sign-in page is never kept.
		expect((await pci(analystToken)).rendered).toBe(true);
		expect((await request('/signin', undefined, undefined, 'GET', '/signin')).rendered).toBe(true);
		expect((await request('/signin', undefined, undefined, 'GET', '/signin')).rendered).toBe(true);
		await transaction((c) => c.run("INSERT INTO users VALUES ('kept-test', 'viewer', 'x', current_timestamp)"));
		expect((await pci()).rendered).toBe(true);
	});

	it('does not hold a form post to a snapshot', async () => {
		const seen: number[] = [];
		await request('/signout', analystToken, async () => {
			seen.push((await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM users'))[0].n);
			await transaction((c) => c.run("INSERT INTO users VALUES ('post-test', 'viewer', 'x', current_timestamp)"));
			seen.push((await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM users'))[0].n);
		}, 'POST');
		expect(seen[1]).toBe(seen[0] + 1);
	});
});

/**
 * Accounts in the built app, in Chromium and over HTTP: sign-in and sign-out
 * through the form, the header line, private mode, the admin-only account
 * endpoints and SvelteKit's cross-site form check. Each group starts its own
 * server on a database whose accounts were made with `chiso user add`.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { addUsers, startServer, type TestServer } from '../helpers/server.ts';

const USERS: Record<string, [string, string]> = {
	vien: ['viewer', 'người xem thôi nhé'],
	lan: ['analyst', 'chuyên viên Kon Tum'],
	hoa: ['admin', 'quản trị viên 2026']
};
const password = (name: string) => USERS[name][1];

test.describe('signing in and out', () => {
	let server: TestServer;
	test.beforeAll(async () => {
		server = await startServer({ prepare: (db) => addUsers(db, USERS) });
	});
	test.afterAll(() => server.stop());

	test('an analyst signs in with the form, sees who is signed in, and signs out', async ({ page, context }) => {
		await page.goto(`${server.url}/`);
		await page.getByRole('link', { name: 'Đăng nhập' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');

		// A wrong password and an unknown name get the same answer.
		await page.getByLabel('Tên đăng nhập').fill('lan');
		await page.getByLabel('Mật khẩu').fill('sai mật khẩu rồi');
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
		await page.getByLabel('Tên đăng nhập').fill('khong-co-ai');
		await page.getByLabel('Mật khẩu').fill(password('lan'));
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
		await page.screenshot({ path: '/tmp/chiso-signin-wrong.png', fullPage: true });

		await page.getByLabel('Tên đăng nhập').fill('Lan');
		await page.getByLabel('Mật khẩu').fill(password('lan'));
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page).toHaveURL(`${server.url}/`);
		await expect(page.getByTestId('signed-in-as')).toHaveText('Đã đăng nhập: lan (chuyên viên)');
		await page.screenshot({ path: '/tmp/chiso-signed-in.png', fullPage: true });
		const [cookie] = (await context.cookies()).filter((c) => c.name === 'chiso_session');
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });

		await page.getByRole('button', { name: 'Đăng xuất' }).click();
		await expect(page.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
		await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
		expect((await context.cookies()).filter((c) => c.name === 'chiso_session')).toEqual([]);
		// The signed-out cookie's session is over on the server too: sending it again signs nobody in.
		await context.addCookies([{ ...cookie }]);
		await page.goto(`${server.url}/`);
		await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
	});

	test('the sign-in page speaks English on request', async ({ page }) => {
		await page.goto(`${server.url}/signin?lang=en`);
		await page.getByLabel('User name').fill('hoa');
		await page.getByLabel('Password').fill('not the password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toHaveText('Wrong user name or password.');
		await page.getByLabel('Password').fill(password('hoa'));
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as hoa (admin)');
		await page.screenshot({ path: '/tmp/chiso-signed-in-en.png', fullPage: true });
	});
});

test.describe('private mode (CHISO_PRIVATE=1)', () => {
	let server: TestServer;
	test.beforeAll(async () => {
		server = await startServer({ prepare: (db) => addUsers(db, USERS), env: { CHISO_PRIVATE: '1' } });
	});
	test.afterAll(() => server.stop());

	test('a signed-out visitor is sent to sign-in and back to the page asked for', async ({ page }) => {
		await page.goto(`${server.url}/?unit=KT`);
		await expect(page).toHaveURL(`${server.url}/signin?next=%2F%3Funit%3DKT`);
		await expect(page.getByText('Bảng theo dõi này chỉ dành cho người có tài khoản.')).toBeVisible();
		await page.screenshot({ path: '/tmp/chiso-signin-private.png', fullPage: true });
		await page.getByLabel('Tên đăng nhập').fill('vien');
		await page.getByLabel('Mật khẩu').fill(password('vien'));
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page).toHaveURL(`${server.url}/?unit=KT`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kon Tum: thứ hạng và mục tiêu');
	});
});

test.describe('account endpoints', () => {
	let server: TestServer;
	const cookies: Record<string, string> = {};

	/** Signs in through the form action as a browser on this site would, and returns the session cookie. */
	async function signIn(request: APIRequestContext, name: string, secret = password(name)): Promise<string> {
		const response = await request.post(`${server.url}/signin`, {
			form: { name, password: secret },
			// As a browser sends it: `Accept: */*` would get SvelteKit's JSON answer for enhanced forms.
			headers: { origin: server.url, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		const cookie = /chiso_session=[^;]+/.exec(response.headers()['set-cookie'] ?? '');
		expect(cookie).not.toBeNull();
		return cookie![0];
	}

	test.beforeAll(async ({ playwright }) => {
		server = await startServer({ prepare: (db) => addUsers(db, USERS) });
		const request = await playwright.request.newContext();
		for (const name of Object.keys(USERS)) cookies[name] = await signIn(request, name);
		await request.dispose();
	});
	test.afterAll(() => server.stop());

	const newUser = { name: 'tuan', role: 'analyst', password: 'mật khẩu của Tuấn' };

	test('creating an account: 401 signed out, 403 for viewer and analyst, 201 for admin', async ({ request }) => {
		const create = (as?: string) =>
			request.post(`${server.url}/api/users`, { data: newUser, headers: as ? { cookie: cookies[as] } : {} });
		const signedOut = await create();
		expect(signedOut.status()).toBe(401);
		expect(await signedOut.json()).toEqual({ message: 'Cần đăng nhập để làm việc này.' });
		expect((await create('vien')).status()).toBe(403);
		expect((await create('lan')).status()).toBe(403);
		const created = await create('hoa');
		expect(created.status()).toBe(201);
		expect(await created.json()).toEqual({ name: 'tuan', role: 'analyst' });
		expect((await create('hoa')).status()).toBe(409);
		// The new account signs in.
		await signIn(request, 'tuan', newUser.password);
	});

	test('removing an account: 401 signed out, 403 for viewer and analyst, 204 for admin', async ({ request }) => {
		const remove = (as?: string) =>
			request.delete(`${server.url}/api/users/tuan`, { headers: as ? { cookie: cookies[as] } : {} });
		expect((await remove()).status()).toBe(401);
		expect((await remove('vien')).status()).toBe(403);
		expect((await remove('lan')).status()).toBe(403);
		expect((await remove('hoa')).status()).toBe(204);
		expect((await remove('hoa')).status()).toBe(404);
	});

	test('a form posted from another site is refused, even with an admin’s cookie, and changes nothing', async ({ request }) => {
		const forged = await request.post(`${server.url}/api/users`, {
			form: { name: 'ke-gian', role: 'admin', password: 'mật khẩu kẻ gian' },
			headers: { cookie: cookies.hoa, origin: 'https://evil.example' }
		});
		expect(forged.status()).toBe(403);
		expect(await forged.text()).toContain('Cross-site POST form submissions are forbidden');
		// Nothing was created: removing it finds no such account.
		const check = await request.delete(`${server.url}/api/users/ke-gian`, { headers: { cookie: cookies.hoa } });
		expect(check.status()).toBe(404);
		// The sign-in form is protected the same way.
		const signin = await request.post(`${server.url}/signin`, {
			form: { name: 'hoa', password: password('hoa') },
			headers: { origin: 'https://evil.example' },
			maxRedirects: 0
		});
		expect(signin.status()).toBe(403);
		expect(signin.headers()['set-cookie']).toBeUndefined();
	});
});

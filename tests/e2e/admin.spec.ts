/**
 * The admin pages in the built app: /admin/users (accounts, through plain
 * forms that work without script and that SvelteKit's origin check guards)
 * and /admin/audit (the trail, a GET filter form). Viewers and analysts get
 * 403 on both. Runs its own server on a database whose accounts were made
 * with `chiso user add`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { addUsers, signIn, startServer, type TestServer } from '../helpers/server.ts';

const USERS: Record<string, [string, string]> = {
	vien: ['viewer', 'người xem thôi nhé'],
	lan: ['analyst', 'chuyên viên Kon Tum'],
	hoa: ['admin', 'quản trị viên 2026']
};

let server: TestServer;
test.beforeAll(async () => {
	server = await startServer({ prepare: (db) => addUsers(db, USERS) });
});
test.afterAll(() => server.stop());

async function signInAs(page: Page, name: string): Promise<void> {
	await page.goto(`${server.url}/signin`);
	await page.getByLabel('Tên đăng nhập').fill(name);
	await page.getByLabel('Mật khẩu').fill(USERS[name][1]);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page.getByTestId('signed-in-as')).toBeVisible();
}

test('viewers and analysts get 403 on both pages; signed out, they go to sign-in; only admins see the links', async ({ page }) => {
	for (const name of ['vien', 'lan']) {
		const cookie = await signIn(server.url, name, USERS[name][1]);
		for (const path of ['/admin/users', '/admin/audit']) {
			const response = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });
			expect(response.status, `${name} ${path}`).toBe(403);
		}
		const post = await fetch(`${server.url}/admin/users?/remove`, {
			method: 'POST',
			body: new URLSearchParams({ name: 'hoa' }),
			headers: { cookie, origin: server.url, accept: 'text/html' },
			redirect: 'manual'
		});
		expect(post.status, `${name} remove`).toBe(403);
	}
	const signedOut = await fetch(`${server.url}/admin/audit`, { redirect: 'manual' });
	expect(signedOut.status).toBe(303);
	expect(signedOut.headers.get('location')).toBe('/signin?next=%2Fadmin%2Faudit');

	await signInAs(page, 'lan');
	await expect(page.getByRole('link', { name: 'Kế hoạch' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Tài khoản' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Nhật ký' })).toHaveCount(0);
});

test('a post from another site is refused (SvelteKit’s origin check)', async () => {
	const cookie = await signIn(server.url, 'hoa', USERS.hoa[1]);
	const forged = await fetch(`${server.url}/admin/users?/add`, {
		method: 'POST',
		body: new URLSearchParams({ name: 'ke-gian', role: 'admin', password: 'mười ký tự trở lên' }),
		headers: { cookie, origin: 'https://evil.example', accept: 'text/html' },
		redirect: 'manual'
	});
	expect(forged.status).toBe(403);
	expect(await forged.text()).toContain('Cross-site POST form submissions are forbidden');
});

test.describe('without script', () => {
	test.use({ javaScriptEnabled: false });

	test('an admin adds, re-roles, resets, revokes and removes accounts; the last admin stays; the trail shows each', async ({ page }) => {
		await page.setViewportSize({ width: 1440, height: 900 });
		await signInAs(page, 'hoa');
		await page.getByRole('link', { name: 'Tài khoản' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tài khoản');
		await expect(page.getByTestId('accounts').getByRole('row')).toHaveCount(4);

		// Added with a generated password, shown once.
		await page.getByLabel('Tên đăng nhập').fill('minh');
		await page.getByLabel('Vai trò', { exact: true }).selectOption('analyst');
		await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
		await expect(page.getByTestId('account-done')).toContainText('Đã tạo tài khoản minh (chuyên viên).');
		const first = await page.getByTestId('new-password').textContent();
		expect(first).toMatch(/^[A-Za-z2-9]{16}$/);
		await page.screenshot({ path: '/tmp/chiso-admin-users-1440.png', fullPage: true });
		await page.goto(`${server.url}/admin/users`);
		await expect(page.getByTestId('new-password')).toHaveCount(0);
		await signIn(server.url, 'minh', first!);

		await page.getByRole('combobox', { name: 'Vai trò của minh' }).selectOption('viewer');
		await page.getByRole('button', { name: 'Đổi vai trò: minh' }).click();
		await expect(page.getByTestId('account-done')).toHaveText('Đã đổi vai trò của minh: chuyên viên → người xem.');
		await expect(page.getByTestId('account-minh').locator('td.num')).toHaveText('1');

		await page.getByRole('button', { name: 'Đặt lại mật khẩu: minh' }).click();
		await expect(page.getByTestId('account-done')).toContainText('Đã đặt lại mật khẩu của minh; 1 phiên đăng nhập bị thu hồi.');
		const second = await page.getByTestId('new-password').textContent();
		expect(second).not.toBe(first);
		await signIn(server.url, 'minh', second!);
		await page.getByRole('button', { name: 'Thu hồi phiên: minh' }).click();
		await expect(page.getByTestId('account-done')).toHaveText('Đã thu hồi 1 phiên đăng nhập của minh.');

		// The only admin can neither step down nor go.
		await page.getByRole('combobox', { name: 'Vai trò của hoa' }).selectOption('analyst');
		await page.getByRole('button', { name: 'Đổi vai trò: hoa' }).click();
		await expect(page.getByRole('alert')).toContainText('«hoa» là quản trị viên cuối cùng');
		await page.getByRole('button', { name: 'Xóa: hoa' }).click();
		await expect(page.getByRole('alert')).toContainText('«hoa» là quản trị viên cuối cùng');
		await expect(page.getByRole('combobox', { name: 'Vai trò của hoa' })).toHaveValue('admin');

		await page.getByRole('button', { name: 'Xóa: minh' }).click();
		await expect(page.getByTestId('account-done')).toHaveText('Đã xóa tài khoản minh; 0 phiên đăng nhập bị thu hồi.');
		await expect(page.getByTestId('account-minh')).toHaveCount(0);

		// The trail: every change above, by hoa from this machine, newest first.
		await page.getByRole('link', { name: 'Nhật ký' }).click();
		const kinds = await page.getByTestId('audit').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
		expect(kinds.slice(0, 7)).toEqual(['user.remove', 'user.revoke', 'signin', 'user.password', 'user.role', 'signin', 'user.add']);
		const removal = page.getByTestId('audit').locator('tr[data-kind="user.remove"]');
		await expect(removal).toContainText('hoa');
		await expect(removal).toContainText('127.0.0.1');
		await expect(removal).toContainText('role: viewer; sessions: 0');
		await expect(page.getByTestId('audit').locator('tr[data-kind="user.role"]')).toContainText('role: analyst → viewer');
		// Added by the command line before the server started: no address.
		await expect(page.getByTestId('audit').locator('tr[data-kind="user.add"]').last()).toContainText('dòng lệnh');

		// The GET filter, without script.
		await page.getByLabel('Loại').selectOption('user.role');
		await page.getByRole('button', { name: 'Lọc', exact: true }).click();
		await expect(page).toHaveURL(/kind=user.role/);
		await expect(page.getByTestId('audit').locator('tbody tr')).toHaveCount(1);
		await page.screenshot({ path: '/tmp/chiso-admin-audit-1440.png', fullPage: true });
	});
});

test('a failed sign-in and a plan change appear in the trail with their actor; the English page', async ({ page, request }) => {
	await fetch(`${server.url}/signin`, {
		method: 'POST',
		body: new URLSearchParams({ name: 'lan', password: 'sai mật khẩu rồi' }),
		headers: { origin: server.url, accept: 'text/html' },
		redirect: 'manual'
	});
	const cookie = await signIn(server.url, 'hoa', USERS.hoa[1]);
	const plans = await request.get(`${server.url}/api/plans`);
	const [shipped] = (await plans.json()) as { id: string; firstStep: number }[];
	const changed = await request.put(`${server.url}/api/plans/${shipped.id}`, {
		headers: { cookie, origin: server.url },
		data: { firstStep: String(shipped.firstStep + 1) }
	});
	expect(changed.status()).toBe(200);

	await page.setViewportSize({ width: 1440, height: 900 });
	await signInAs(page, 'hoa');
	await page.goto(`${server.url}/admin/audit?lang=en`);
	await page.screenshot({ path: '/tmp/chiso-admin-audit-en-1440.png', fullPage: true });
	await page.goto(`${server.url}/admin/audit?lang=en&kind=signin.failed`);
	await expect(page.getByTestId('audit').locator('tbody tr').first()).toContainText('lan');
	await page.goto(`${server.url}/admin/audit?lang=en&user=hoa&kind=plan.change`);
	const row = page.getByTestId('audit').locator('tbody tr');
	await expect(row).toHaveCount(1);
	await expect(row).toContainText(`firstStep: ${shipped.firstStep} → ${shipped.firstStep + 1}`);
	await expect(row).toContainText('plan changed');
	// A date that does not exist: said, not a crash.
	await page.goto(`${server.url}/admin/audit?lang=en&since=2026-02-30`);
	await expect(page.getByRole('alert')).toContainText('The filter is not valid (since)');
});

test('an analyst’s import replacing a figure, its undo and a saved preset appear in the trail with the analyst and address', async ({ page, request }) => {
	const cookie = { cookie: await signIn(server.url, 'lan', USERS.lan[1]) };
	const fixture = path.resolve(import.meta.dirname, '../fixtures/pci-2019-kon-tum-changed-synthetic.csv');
	const file = { name: path.basename(fixture), mimeType: 'text/csv', buffer: fs.readFileSync(fixture) };
	const upload = await request.post(`${server.url}/api/import/upload`, { multipart: { file }, headers: { ...cookie, origin: server.url } });
	expect(upload.status()).toBe(201);
	const { sha256, fileName } = (await upload.json()) as { sha256: string; fileName: string };
	const commit = await request.post(`${server.url}/api/import/commit`, { data: { sha256, fileName, replace: true }, headers: cookie });
	// The answer is lines of JSON (progress, then the result).
	const result = JSON.parse((await commit.text()).trim().split('\n').at(-1)!) as { result: { batchId: number; rowsChanged: number } };
	expect(result.result).toMatchObject({ rowsChanged: 1 });
	const batch = result.result.batchId;
	expect((await request.post(`${server.url}/api/import/batches/${batch}/undo`, { data: {}, headers: cookie })).status()).toBe(200);
	const preset = await request.post(`${server.url}/api/import/presets`, { data: { name: 'pci-synthetic', indexId: 'PCI', mapping: {} }, headers: cookie });
	expect(preset.status()).toBe(201);

	await signInAs(page, 'hoa');
	await page.goto(`${server.url}/admin/audit?user=lan&lang=en`);
	const rows = page.getByTestId('audit').locator('tbody tr');
	await expect(rows.first()).toBeVisible();
	const kinds = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-kind'), tr.children[2].textContent, tr.children[4].textContent]));
	expect(kinds.slice(0, 3)).toEqual([
		['preset.save', '127.0.0.1', 'pci-synthetic'],
		['undo', '127.0.0.1', String(batch)],
		['replace', '127.0.0.1', String(batch)]
	]);
	await expect(rows.nth(2)).toContainText(`file: ${fileName}; sha256: ${sha256}; rows: 1; new: 0; changed: 1; unchanged: 0`);
	await expect(rows.nth(1)).toContainText('removed: 1; restored: 1');
});

test('both pages at phone width', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await signInAs(page, 'hoa');
	await page.goto(`${server.url}/admin/users`);
	await page.screenshot({ path: '/tmp/chiso-admin-users-390.png', fullPage: true });
	await page.goto(`${server.url}/admin/audit`);
	await page.screenshot({ path: '/tmp/chiso-admin-audit-390.png', fullPage: true });
	// Nothing wider than the screen but the tables, which scroll in their own box.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

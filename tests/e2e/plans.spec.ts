/**
 * Plans that leaders manage (/plans), in the built app: an admin adds a plan
 * of the new Quảng Ngãi in Chromium and the target engine judges it, changes
 * it (the history shows both versions) and retires it; every plan write
 * refuses a signed-out visitor (401), a viewer and an analyst (403), over the
 * API and the page's forms; analysts read the plans and their history. Each group starts its own server on the shipped data plus a
 * synthetic PCI table of the new Quảng Ngãi (12/34 in 2025, 14/34 in 2026).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { addUsers, signIn, startServer, type TestServer } from '../helpers/server.ts';
import { runCli } from '../helpers/cli.ts';

const USERS: Record<string, [string, string]> = {
	vien: ['viewer', 'người xem thôi nhé'],
	lan: ['analyst', 'chuyên viên Quảng Ngãi'],
	hoa: ['admin', 'quản trị viên 2026']
};

function prepare(db: string) {
	addUsers(db, USERS);
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-plans-e2e-')), 'pci-quang-ngai-synthetic.csv');
	fs.writeFileSync(
		file,
		['index,year,unit,component,score,rank,rank_of,value_type,source,note', 'PCI,2025,2025-quang-ngai,,,12,34,,,', 'PCI,2026,2025-quang-ngai,,,14,34,,,'].join('\n')
	);
	const imported = runCli(db, ['import', file]);
	if (imported.status !== 0) throw new Error(imported.stderr);
}

/** The new Quảng Ngãi's PCI targets, as /api/targets gives them (the engine of every page). */
async function quangNgaiTargets(request: APIRequestContext, server: TestServer) {
	const response = await request.get(`${server.url}/api/targets?unit=2025-quang-ngai&index=PCI`);
	expect(response.status()).toBe(200);
	return response.json();
}

test.describe('the plans page', () => {
	let server: TestServer;
	test.beforeAll(async () => {
		server = await startServer({ prepare });
	});
	test.afterAll(() => server.stop());

	test('an admin adds a successor’s plan, changes it, sees both versions, and retires it', async ({ page, request }) => {
		await page.goto(`${server.url}/plans`);
		// Signed out: sent to sign-in, and back to /plans afterwards.
		await expect(page).toHaveURL(`${server.url}/signin?next=%2Fplans`);
		await page.getByLabel('Tên đăng nhập').fill('hoa');
		await page.getByLabel('Mật khẩu').fill(USERS.hoa[1]);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kế hoạch mục tiêu');
		await expect(page.getByRole('navigation').getByRole('link', { name: 'Kế hoạch' })).toHaveAttribute('aria-current', 'page');
		await expect(page.getByTestId('plan-kontum-2023-2030')).toContainText('tăng 5 bậc so với 2022, sau đó mỗi năm tăng 1 bậc, đến 2030');

		// A first try with the years the wrong way round is refused, the values kept.
		const add = page.getByRole('form', { name: 'Thêm kế hoạch' });
		await add.getByLabel('Đơn vị').selectOption({ label: 'Quảng Ngãi (từ 7/2025)' });
		await add.getByRole('checkbox', { name: 'PCI' }).check();
		await add.getByRole('radio', { name: 'đạt một thứ hạng' }).check();
		await add.getByLabel('Năm gốc', { exact: true }).fill('2031');
		await add.getByLabel('Thứ hạng cần đạt').fill('15');
		await add.getByLabel('Năm đích').fill('2030');
		await add.getByLabel('Số hiệu hoặc tên văn bản').fill('Nghị quyết 01-NQ/TU (synthetic)');
		await add.getByLabel('Ngày ban hành').fill('2025-09-15');
		await add.getByLabel('Cơ quan ban hành').fill('Tỉnh ủy Quảng Ngãi');
		await add.getByRole('button', { name: 'Thêm kế hoạch' }).click();
		await expect(page.getByRole('alert')).toHaveText('Năm gốc 2031 không trước năm đích 2030: năm gốc phải trước năm đích.');
		const retry = page.getByRole('form', { name: 'Thêm kế hoạch' });
		await expect(retry.getByLabel('Thứ hạng cần đạt')).toHaveValue('15');
		await retry.getByLabel('Năm gốc', { exact: true }).fill('2025');
		await retry.getByRole('button', { name: 'Thêm kế hoạch' }).click();

		await expect(page.getByRole('status')).toHaveText('Đã thêm kế hoạch quang-ngai-2025-2030.');
		await expect(page.getByTestId('plan-quang-ngai-2025-2030')).toContainText('Quảng Ngãi (từ 7/2025)');
		await expect(page.getByTestId('plan-history').getByTestId('version-1')).toContainText('đạt hạng 15 trở lên vào 2030 (đánh giá từ 2025)');
		await expect(page.getByTestId('plan-history').getByTestId('version-1')).toContainText('hoa, ');
		// The engine judges it: 14th of 34 in 2026 meets "15 or better", one place to spare, on the overview too.
		await page.goto(`${server.url}/?unit=2025-quang-ngai`);
		const card = page.locator('article[data-index="PCI"]');
		await expect(card.getByTestId('target')).toContainText('Mục tiêu 2026');
		await expect(card.getByTestId('target').locator('strong')).toHaveText('15/34');
		await expect(card.getByTestId('target').locator('[data-status="met"]')).toHaveText('đạt');
		await expect(card.getByText('Kế hoạch: đạt hạng 15 trở lên vào năm 2030')).toBeVisible();
		await page.goBack();
		let targets = await quangNgaiTargets(request, server);
		expect(targets.plan).toEqual({ kind: 'absolute', targetRank: 15, horizon: 2030 });
		expect(targets.years[1]).toMatchObject({ year: 2026, rank: 14, n: 34, targetRank: 15, gap: -1, status: 'met' });

		// A change: the rank becomes 13; the history keeps version 1.
		await page.getByRole('link', { name: 'Sửa quang-ngai-2025-2030' }).click();
		const change = page.getByRole('form', { name: 'Sửa kế hoạch quang-ngai-2025-2030' });
		await expect(change.getByLabel('Đơn vị')).toHaveValue('2025-quang-ngai');
		await change.getByLabel('Thứ hạng cần đạt').fill('13');
		await change.screenshot({ path: '/tmp/chiso-plans-change.png' });
		await change.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
		await expect(page.getByRole('status')).toHaveText('Đã lưu phiên bản 2 của kế hoạch quang-ngai-2025-2030.');
		const history = page.getByTestId('plan-history');
		await expect(history.getByTestId('version-1')).toContainText('thêm');
		await expect(history.getByTestId('version-1')).toContainText('đạt hạng 15 trở lên');
		await expect(history.getByTestId('version-2')).toContainText('sửa');
		await expect(history.getByTestId('version-2')).toContainText('đạt hạng 13 trở lên');
		await page.screenshot({ path: '/tmp/chiso-plans-history.png', fullPage: true });
		targets = await quangNgaiTargets(request, server);
		expect(targets.years[1]).toMatchObject({ year: 2026, rank: 14, targetRank: 13, gap: 1, status: 'missed' });

		// Retiring asks first, then takes the plan out of evaluation; the history stays.
		page.once('dialog', (dialog) => dialog.accept());
		await history.getByRole('button', { name: 'Thôi áp dụng' }).click();
		await expect(page.getByRole('status')).toHaveText('Đã thôi áp dụng kế hoạch quang-ngai-2025-2030.');
		await expect(page.getByTestId('plans-retired').getByTestId('plan-quang-ngai-2025-2030')).toBeVisible();
		await expect(page.getByTestId('plans-in-force').getByTestId('plan-quang-ngai-2025-2030')).toHaveCount(0);
		await expect(history.getByRole('row')).toHaveCount(4);
		await expect(history.getByTestId('version-3')).toContainText('thôi áp dụng');
		targets = await quangNgaiTargets(request, server);
		expect(targets.plan).toEqual({ kind: 'rise', baselineYear: 2022, firstStep: 5, horizon: 2030 });
		// The overview no longer shows it: the card falls back to the default rule.
		await page.goto(`${server.url}/?unit=2025-quang-ngai`);
		await expect(page.locator('article[data-index="PCI"]').getByText(/^Kế hoạch: tăng 5 bậc so với 2022/)).toBeVisible();
		await expect(page.getByText('đạt hạng 13 trở lên')).toHaveCount(0);
	});

	test('an analyst reads the plans and their history, in English on request, without the forms', async ({ page }) => {
		await page.goto(`${server.url}/signin?lang=en&next=%2Fplans%3Fhistory%3Dquang-ngai-2025-2030%26lang%3Den`);
		await page.getByLabel('User name').fill('lan');
		await page.getByLabel('Password').fill(USERS.lan[1]);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Target plans');
		await expect(page.getByTestId('plan-kontum-2023-2030')).toContainText('Kon Tum (until 2025)');
		await expect(page.getByTestId('plan-history').getByRole('row')).toHaveCount(4);
		await expect(page.getByText('Only admins add, change or retire plans.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Add the plan' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Retire' })).toHaveCount(0);
		await page.screenshot({ path: '/tmp/chiso-plans-en.png', fullPage: true });
	});
});

test.describe('plan writes', () => {
	let server: TestServer;
	const cookies: Record<string, string> = {};
	const plan = {
		unit: '2025-quang-ngai', indices: ['PCI'], kind: 'absolute', baselineYear: 2025, horizon: 2030, targetRank: 15,
		document: 'Nghị quyết 01-NQ/TU (synthetic)', issuedOn: '2025-09-15', issuedBy: 'Tỉnh ủy Quảng Ngãi'
	};


	test.beforeAll(async () => {
		server = await startServer({ prepare });
		for (const name of Object.keys(USERS)) cookies[name] = await signIn(server.url, name, USERS[name][1]);
	});
	test.afterAll(() => server.stop());

	const as = (name?: string) => ({ ...(name ? { cookie: cookies[name] } : {}) });

	test('every API write: 401 signed out, 403 for a viewer and an analyst, done for an admin', async ({ request }) => {
		const writes = [
			(name?: string) => request.post(`${server.url}/api/plans`, { data: plan, headers: as(name) }),
			(name?: string) => request.put(`${server.url}/api/plans/kontum-2021`, { data: { firstStep: 9 }, headers: as(name) }),
			(name?: string) => request.delete(`${server.url}/api/plans/kontum-2021`, { headers: as(name) })
		];
		for (const write of writes) {
			const signedOut = await write();
			expect(signedOut.status()).toBe(401);
			expect(await signedOut.json()).toEqual({ message: 'Cần đăng nhập để làm việc này.' });
			expect((await write('vien')).status()).toBe(403);
			expect((await write('lan')).status()).toBe(403);
		}
		// Nothing was written: the 2021 plan still has one version.
		expect(((await (await request.get(`${server.url}/api/plans/kontum-2021`)).json()) as unknown[]).length).toBe(1);

		const added = await writes[0]('hoa');
		expect(added.status()).toBe(201);
		expect(await added.json()).toMatchObject({ id: 'quang-ngai-2025-2030', version: 1, enteredBy: 'hoa' });
		const changed = await writes[1]('hoa');
		expect(changed.status()).toBe(200);
		expect(await changed.json()).toMatchObject({ version: 2, firstStep: 9, baselineYear: 2020 });
		expect((await writes[2]('hoa')).status()).toBe(200);
		expect((await writes[2]('hoa')).status()).toBe(409);
		const bad = await request.post(`${server.url}/api/plans`, { data: { ...plan, baselineYear: 2031 }, headers: as('hoa') });
		expect(bad.status()).toBe(400);
		expect((await bad.json()).problems).toEqual(['Năm gốc 2031 không trước năm đích 2030: năm gốc phải trước năm đích.']);
		const history = (await (await request.get(`${server.url}/api/plans/kontum-2021`)).json()) as { action: string }[];
		expect(history.map((v) => v.action)).toEqual(['added', 'changed', 'retired']);
	});

	test('every form action of the page: 401 signed out, 403 for a viewer and an analyst; the page is closed to viewers', async ({ request }) => {
		const form = { id: 'kontum-2023-2030', ...plan, indices: 'PCI', unit: '62' };
		for (const action of ['add', 'change', 'retire']) {
			const post = (name?: string) =>
				request.post(`${server.url}/plans?/${action}`, { form, headers: { ...as(name), origin: server.url, accept: 'text/html' }, maxRedirects: 0 });
			expect((await post()).status()).toBe(401);
			expect((await post('vien')).status()).toBe(403);
			expect((await post('lan')).status()).toBe(403);
		}
		expect((await request.get(`${server.url}/plans`, { headers: as('vien') })).status()).toBe(403);
		const signedOut = await request.get(`${server.url}/plans`, { maxRedirects: 0 });
		expect(signedOut.status()).toBe(303);
		expect(signedOut.headers().location).toBe('/signin?next=%2Fplans');
		// A form posted from another site is refused even with an admin's cookie.
		const forged = await request.post(`${server.url}/plans?/retire`, {
			form: { id: 'kontum-2021' },
			headers: { ...as('hoa'), origin: 'https://evil.example' }
		});
		expect(forged.status()).toBe(403);
		expect(await forged.text()).toContain('Cross-site POST form submissions are forbidden');
	});
});

/**
 * Every page, as a signed-out reader and as a signed-in admin, passes axe-core's
 * WCAG 2.1 A and AA rules with no violation, in Vietnamese and in English.
 */
import { expect, test } from '@playwright/test';
import { axeViolations } from '../helpers/axe.ts';
import { addUsers, startServer, type TestServer } from '../helpers/server.ts';

const PUBLIC_PAGES = [
	'/',
	'/?unit=62',
	'/pci',
	'/papi?unit=62',
	'/par-index?unit=62&year=2023',
	'/sipas',
	'/briefing?unit=62',
	'/signin',
	'/?lang=en',
	'/pci?lang=en&unit=62',
	'/pci/what-if?unit=62&year=2019&target=50',
	'/papi/what-if?unit=62&year=2019&lang=en&papi_d1=12',
	'/pci/what-if?unit=62&year=2019&pci_s3=6.55.43&pci_s5=6,0532'
];

test.describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
	for (const path of PUBLIC_PAGES) {
		test(`${path} has no violation`, async ({ page }) => {
			await page.goto(path);
			expect(await axeViolations(page)).toEqual([]);
		});
	}

	test.describe('signed in as an admin', () => {
		let server: TestServer;
		test.beforeAll(async () => {
			server = await startServer({ prepare: (db) => addUsers(db, { hoa: ['admin', 'quản trị viên 2026'] }) });
		});
		test.afterAll(() => server.stop());

		test('the import, plan, backup and admin pages have no violation', async ({ page }) => {
			await page.goto(`${server.url}/signin`);
			await page.getByLabel('Tên đăng nhập').fill('hoa');
			await page.getByLabel('Mật khẩu').fill('quản trị viên 2026');
			await page.getByRole('button', { name: 'Đăng nhập' }).click();
			await expect(page.getByRole('link', { name: 'Đăng xuất' }).or(page.getByRole('button', { name: 'Đăng xuất' }))).toBeVisible();
			// An account change first, so that the accounts page shows its message and the trail has entries of several kinds.
			await page.goto(`${server.url}/admin/users`);
			await page.getByLabel('Tên đăng nhập').fill('an');
			await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
			await expect(page.getByTestId('new-password')).toBeVisible();
			expect(await axeViolations(page), '/admin/users after an action').toEqual([]);
			for (const path of ['/import', '/import/history', '/plans', '/admin/backup', '/admin/backup?lang=en', '/admin/users', '/admin/audit', '/admin/users?lang=en', '/admin/audit?lang=en&kind=signin']) {
				await page.goto(`${server.url}${path}`);
				expect(await axeViolations(page), path).toEqual([]);
			}
		});
	});
});

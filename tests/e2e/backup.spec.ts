/**
 * Backup and restore on the running server (issue 17.1): only admins may
 * download a backup or restore one (others get 403); an admin downloads one
 * from /admin/backup, changes things (an import, a plan change), restores it
 * through the page and sees the state of the backup again, and a corrupted
 * file is refused with nothing changed, while ten clients read pages without
 * one failed request. The command line refuses to back up or restore while
 * the server holds the database (exit 3). With the server stopped, `chiso
 * export` of the restored database equals that of the downloaded backup
 * restored by `chiso restore` elsewhere, byte for byte.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { addUsers, signIn, startServer, type TestServer } from '../helpers/server.ts';
import { runCli } from '../helpers/cli.ts';

const USERS: Record<string, [string, string]> = {
	vien: ['viewer', 'người xem thôi nhé'],
	lan: ['analyst', 'chuyên viên Kon Tum'],
	hoa: ['admin', 'quản trị viên 2026']
};
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/pci-2019-kon-tum-changed-synthetic.csv');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-backup-e2e-'));

// Several command-line runs and server starts, each building the shipped data: generous on a loaded machine.
test.describe.configure({ timeout: 300_000 });

let server: TestServer;
test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await startServer({ prepare: (db) => addUsers(db, USERS), env: { CHISO_BACKUP_DIR: path.join(work, 'daily') } });
});
test.afterAll(() => server.stop());

/** What the restore must bring back, as the running server answers it: Kon Tum's PCI 2019 figures and the directive's versions. */
async function state(): Promise<unknown> {
	const figures = await fetch(`${server.url}/api/observations?index=PCI&year=2019&unit=62`).then((r) => r.json());
	const directive = await fetch(`${server.url}/api/plans/kontum-2023-2030`).then((r) => r.json());
	return { figures, directive };
}

/** An import that replaces Kon Tum's PCI 2019 total, through the import API, and a change of the directive. */
async function changeThings(cookie: string): Promise<void> {
	const headers = { cookie, origin: server.url };
	const form = new FormData();
	form.set('file', new Blob([fs.readFileSync(FIXTURE)]), path.basename(FIXTURE));
	const upload = await fetch(`${server.url}/api/import/upload`, { method: 'POST', body: form, headers });
	expect(upload.status).toBe(201);
	const { sha256, fileName } = (await upload.json()) as { sha256: string; fileName: string };
	const commit = await fetch(`${server.url}/api/import/commit`, {
		method: 'POST',
		body: JSON.stringify({ sha256, fileName, replace: true }),
		headers: { ...headers, 'content-type': 'application/json' }
	});
	expect(await commit.text()).toContain('"status":"committed"');
	const plan = await fetch(`${server.url}/api/plans/kontum-2023-2030`, {
		method: 'PUT',
		body: JSON.stringify({ firstStep: 3 }),
		headers: { ...headers, 'content-type': 'application/json' }
	});
	expect(plan.status).toBe(200);
}

test('only admins may download or restore a backup: signed out 401, viewer and analyst 403', async () => {
	expect((await fetch(`${server.url}/api/admin/backup`)).status).toBe(401);
	for (const name of ['vien', 'lan']) {
		const cookie = await signIn(server.url, name, USERS[name][1]);
		expect((await fetch(`${server.url}/api/admin/backup`, { headers: { cookie } })).status, name).toBe(403);
		expect((await fetch(`${server.url}/admin/backup`, { headers: { cookie } })).status, name).toBe(403);
		const form = new FormData();
		form.set('file', new Blob([fs.readFileSync(FIXTURE)]), 'x.tar');
		const restore = await fetch(`${server.url}/admin/backup?/restore`, { method: 'POST', body: form, headers: { cookie, origin: server.url } });
		expect(restore.status, name).toBe(403);
	}
});

test('an admin downloads a backup, changes things, restores it on the running server and sees the backup’s state; a corrupted file is refused', async ({ page, context }) => {
	const cookie = await signIn(server.url, 'hoa', USERS.hoa[1]);
	const [name, value] = cookie.split('=');
	await context.addCookies([{ name, value, url: server.url }]);

	// Ten clients read pages all along the download and the restore: none may fail.
	let reading = true;
	const failures: string[] = [];
	let reads = 0;
	const reader = async (k: number) => {
		const paths = ['/', '/pci', '/papi?unit=62', '/par-index?unit=62'];
		while (reading) {
			const p = paths[(k + reads) % paths.length];
			const response = await fetch(`${server.url}${p}`).catch((e: unknown) => ({ status: String(e) }));
			reads++;
			if (response.status !== 200) failures.push(`${p}: ${response.status}`);
		}
	};
	const readers = Array.from({ length: 10 }, (_, k) => reader(k));

	await page.goto(`${server.url}/admin/backup`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sao lưu và khôi phục');
	await expect(page.getByText('Chưa có bản sao lưu định kỳ nào.')).toBeVisible();
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Tải bản sao lưu' }).click();
	const backup = path.join(work, 'downloaded.tar');
	await (await download).saveAs(backup);
	expect((await download).suggestedFilename()).toMatch(/^chiso-backup-\d{8}-\d{6}\.tar$/);
	const atBackup = await state();

	await changeThings(cookie);
	const changed = await state();
	expect(changed).not.toEqual(atBackup);

	// A corrupted copy (bytes changed inside the figures' Parquet file) is refused, nothing changed.
	const bytes = fs.readFileSync(backup);
	bytes.write('XXXX', bytes.indexOf('chiso-backup/observations.parquet') + 512 + 1000, 'latin1');
	const corrupted = path.join(work, 'corrupted.tar');
	fs.writeFileSync(corrupted, bytes);
	await page.getByLabel('Tệp sao lưu (.tar)').setInputFiles(corrupted);
	await page.getByRole('button', { name: 'Kiểm tra và khôi phục' }).click();
	await expect(page.getByRole('alert')).toContainText('Bản sao lưu corrupted.tar bị hỏng: observations.parquet không khớp với manifest');
	expect(await state()).toEqual(changed);

	await page.getByLabel('Tệp sao lưu (.tar)').setInputFiles(backup);
	await page.getByRole('button', { name: 'Kiểm tra và khôi phục' }).click();
	await expect(page.getByRole('status')).toContainText('Đã khôi phục bản sao lưu lúc');
	await page.screenshot({ path: '/tmp/chiso-admin-backup.png', fullPage: true });
	expect(await state()).toEqual(atBackup);
	reading = false;
	await Promise.all(readers);
	expect(reads).toBeGreaterThan(10);
	expect(failures).toEqual([]);
	// The admin's session of now outlives the restore.
	await page.goto(`${server.url}/admin/backup?lang=en`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Backup and restore');
	// The audit trail names the backup and the restore, by the admin, and the restore did not roll it back:
	// the plan change made between them is still there. The refused file left no entry.
	await page.goto(`${server.url}/admin/audit`);
	const row = (kind: string) => page.locator(`tbody tr[data-kind="${kind}"]`);
	await expect(row('backup')).toHaveCount(1);
	await expect(row('backup').locator('td').nth(1)).toHaveText('hoa');
	await expect(row('backup').locator('td').nth(4)).toHaveText((await download).suggestedFilename());
	await expect(row('restore')).toHaveCount(1);
	await expect(row('restore').locator('td').nth(4)).toHaveText('downloaded.tar');
	await expect(row('plan.change').locator('td').nth(4)).toHaveText('kontum-2023-2030');

	// While the server holds the database, the command line says where to go instead (exit 3).
	const held = runCli(server.db, ['backup', '--out', path.join(work, 'cli.tar')]);
	expect(held.status).toBe(3);
	expect(held.stderr).toContain('/admin/backup');
	expect(runCli(server.db, ['restore', backup]).status).toBe(3);

	// Server stopped: the restored database exports exactly what the backup restored elsewhere exports.
	await server.stop();
	const fromServer = path.join(work, 'server.csv');
	expect(runCli(server.db, ['export', '--out', fromServer]).status).toBe(0);
	const elsewhere = path.join(work, 'elsewhere.duckdb');
	const restored = runCli(elsewhere, ['restore', backup]);
	expect(restored.status, restored.stderr).toBe(0);
	const fromBackup = path.join(work, 'backup.csv');
	expect(runCli(elsewhere, ['export', '--out', fromBackup]).status).toBe(0);
	expect(fs.readFileSync(fromServer).equals(fs.readFileSync(fromBackup))).toBe(true);
	server = await startServer({ db: server.db });
});

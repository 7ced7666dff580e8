/**
 * The map of ranks (issue 18) as a reader sees it: one square a unit of the
 * year's cohort (63 before July 2025, 34 after), the unit named with its rank
 * ("Kon Tum 56/63"), reachable by keyboard, drawn by the server (no script
 * needed), on the index pages, the overview and each index page of the briefing.
 */
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, test } from '@playwright/test';
import { runCli } from '../helpers/cli.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const PCI_2019 = '/pci?unit=Kon%20Tum&year=2019';

test('PCI 2019: 63 squares, Kon Tum named 56/63 and outlined, its exact figures on keyboard focus', async ({ page }) => {
	await page.goto(PCI_2019);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const map = page.locator('#rank-map');
	await expect(map.locator('svg .mark')).toHaveCount(63);
	const konTum = map.getByRole('img', { name: /^Kon Tum 56\/63;/ });
	await expect(konTum).toHaveCount(1);
	// Outlined in the focus red, three pixels wide.
	await expect(konTum.locator('rect')).toHaveAttribute('stroke', '#b42318');
	await konTum.focus();
	await expect(map.locator('.tooltip')).toContainText('Kon Tum 56/63');
	await expect(map.locator('.tooltip')).toContainText('Điểm: 63,5351');
	// Hoàng Sa and Trường Sa are drawn, and the caption says whose they are.
	await expect(map.locator('svg text', { hasText: 'Hoàng Sa' })).toHaveCount(1);
	await expect(map.locator('svg text', { hasText: 'Trường Sa' })).toHaveCount(1);
	await expect(map.locator('figcaption')).toContainText('Quần đảo Hoàng Sa thuộc TP. Đà Nẵng, quần đảo Trường Sa thuộc tỉnh Khánh Hòa.');
	// The data table holds every unit, best first.
	await map.getByRole('button', { name: 'Xem bảng số liệu' }).click();
	await expect(map.locator('.data-table tbody tr')).toHaveCount(63);
	await expect(map.locator('.data-table tbody tr').first().locator('td').nth(1)).toHaveText('1');
});

test('with its map, an index page loads under 100 KB of JavaScript, gzipped', async ({ page }) => {
	// Counted as the browser receives it: every script of the first load, each gzipped at level 9.
	const sizes: Promise<number>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script') sizes.push(response.body().then((body) => zlib.gzipSync(body, { level: 9 }).length));
	});
	await page.goto(PCI_2019);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.waitForLoadState('networkidle');
	const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
	expect(sizes.length).toBeGreaterThan(10);
	expect(bytes).toBeLessThan(100 * 1024);
});

test('the map is drawn by the server: readable without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(PCI_2019);
	await expect(page.locator('#rank-map svg .mark')).toHaveCount(63);
	await expect(page.locator('#rank-map').getByRole('img', { name: /^Kon Tum 56\/63;/ })).toHaveCount(1);
	// The colour switch is a plain link.
	await page.getByRole('link', { name: 'mục tiêu của từng đơn vị' }).click();
	await expect(page).toHaveURL(/map=status/);
	await expect(page.locator('#rank-map h3')).toHaveText('Bản đồ PCI năm 2019 theo mục tiêu của từng đơn vị');
	await context.close();
});

test('the overview maps each index in the year of its card, the unit outlined', async ({ page }) => {
	await page.goto('/?unit=Kon%20Tum');
	const pci = page.locator('#rank-map-pci');
	await expect(pci.locator('svg .mark')).toHaveCount(63);
	await expect(pci.getByRole('img', { name: /^Kon Tum \d+\/63;.*được chọn$/ })).toHaveCount(1);
});

test('the briefing has a small map on each index page', async ({ page }) => {
	await page.goto('/briefing?unit=Kon%20Tum&year=2023');
	await page.locator('.briefing[data-ready="true"]').waitFor({ state: 'attached' });
	for (const index of ['PAR_INDEX', 'PAPI', 'PCI']) {
		await expect(page.locator(`.sheet[data-index="${index}"] figure[id="rank-map-${index}"] svg .mark`)).toHaveCount(63);
	}
	await expect(page.locator('.sheet[data-index="PAR_INDEX"]').getByRole('img', { name: /^Kon Tum 43\/63;/ })).toHaveCount(1);
});

test.describe('from July 2025: a synthetic table of the 34 units', () => {
	let server: TestServer;
	test.beforeAll(async () => {
		server = await startServer({
			prepare: (db) => {
				for (const file of ['pci-2022-2024-63-units-synthetic.csv', 'pci-2025-34-units-synthetic.csv']) {
					const result = runCli(db, ['import', path.resolve('tests/fixtures', file)]);
					if (result.status !== 0) throw new Error(result.stderr);
				}
			}
		});
	});
	test.afterAll(() => server.stop());

	test('PCI 2025: 34 squares, the new Quảng Ngãi named 22/34; 2024 still 63', async ({ page }) => {
		await page.goto(`${server.url}/pci?unit=Qu%E1%BA%A3ng%20Ng%C3%A3i&year=2025`);
		const map = page.locator('#rank-map');
		await expect(map.locator('svg .mark')).toHaveCount(34);
		await expect(map.getByRole('img', { name: /^Quảng Ngãi 22\/34;/ })).toHaveCount(1);
		await expect(map.locator('h3')).toHaveText('Bản đồ thứ hạng PCI năm 2025');
		await page.goto(`${server.url}/pci?unit=Kon%20Tum&year=2024`);
		await expect(page.locator('#rank-map svg .mark')).toHaveCount(63);
	});
});

/**
 * Issue 12: the shipped data plus a synthetic PCI 2022–2024 table (63 units)
 * and a 2025 table (34 units). Overview, index page, briefing and `targets`
 * agree across the merger, show the previous year as its equivalent among 34
 * ("40/63 ≈ 21/34"), and no view reports a raw place difference across it.
 *
 * The synthetic 2024 table leaves out the units with a shipped PCI 2024 figure (they keep it)
 * and fits its scores between theirs, so the ranks agree with the published ones.
 *
 * Figures by the rule: Kon Tum PCI 37/63 in 2022 (shipped) → 2023 target 32; 2023 is known only
 * as 31–63 (shipped bound), so 2024's target is 30–31 (best case 31 − 1, worst case 32 − 1);
 * 2024 40/63 (synthetic) misses it; 2025: t′ = 40 − 1 = 39 among 63 →
 * floor(1 + 38·33/62) = 21 among 34; Quảng Ngãi is 22/34: missed by 1, and
 * 40/63 ≈ floor(1 + 39·33/62) = 21/34, so 21 → 22 is a fall of one place.
 * The raw difference 40 − 22 = 18 must appear nowhere.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { runCli } from '../helpers/cli.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const FIXTURES = ['pci-2022-2024-63-units-synthetic.csv', 'pci-2025-34-units-synthetic.csv'].map((f) => path.resolve('tests/fixtures', f));
let server: TestServer;
let targetsJson: { years: Record<string, unknown>[] };
let targetsText = '';

test.beforeAll(async () => {
	server = await startServer({
		prepare: (db) => {
			for (const file of FIXTURES) {
				const result = runCli(db, ['import', file]);
				if (result.status !== 0) throw new Error(result.stderr);
			}
			targetsJson = JSON.parse(runCli(db, ['targets', '--unit', 'Kon Tum', '--index', 'PCI', '--json']).stdout);
			targetsText = runCli(db, ['targets', '--unit', 'Kon Tum', '--index', 'PCI']).stdout;
		}
	});
});
test.afterAll(() => server.stop());

/** No sentence may count places between a rank among 63 and one among 34: 40 → 22 is not "18 places". */
async function expectNoRawDifference(page: Page) {
	const text = await page.locator('body').innerText();
	expect(text).not.toMatch(/\b18 bậc|\b18 places|▲ 18\b/);
}

test('targets (CLI): 2025 is judged among 34, with the equivalent as a field', () => {
	const y2025 = targetsJson.years.find((y) => y.year === 2025);
	expect(y2025).toMatchObject({
		rank: 22, n: 34, targetRank: 21, targetN: 34, gap: 1, status: 'missed',
		previousRank: 40, previousN: 63, previousEquivalent: 21, change: -1, comparable: false, reason: 'lineage_changed'
	});
	expect(targetsText).toMatch(/2025\s+22\/34\s+21\/34\s+1\s+không đạt/);
	expect(targetsText).toContain('2024 40/63 ≈ 21/34: 2025 ▼ giảm 1 bậc');
	expect(targetsText).not.toMatch(/\b18 bậc/);
});

test('overview of Kon Tum: the PCI card and the target table show 2025 among 34, against 40/63 ≈ 21/34', async ({ page }) => {
	await page.goto(`${server.url}/?unit=Kon%20Tum`);
	const pci = page.locator('article[data-index="PCI"]');
	await expect(pci.getByTestId('latest-rank')).toHaveText('40/63');
	await expect(pci.getByTestId('target').locator('strong')).toHaveText('30–31/63');
	await expect(pci.getByText('Mục tiêu 2025: 21/34 · không đạt')).toBeVisible();
	const cell = page.locator('.target-table tbody tr').filter({ has: page.locator('th:text-is("2025")') }).locator('td[data-index="PCI"]');
	await expect(cell).toContainText('22/34');
	await expect(cell).toContainText('Hạng mục tiêu: 21/34');
	await expect(cell).toContainText('2024: 40/63 ≈ 21/34');
	await expect(cell).toContainText('không đạt');
	await expectNoRawDifference(page);
});

test('overview of Quảng Ngãi 2025: its baseline comes from the old Quảng Ngãi, and the page says so', async ({ page }) => {
	await page.goto(`${server.url}/?unit=2025-quang-ngai`);
	const pci = page.locator('article[data-index="PCI"]');
	await expect(pci.getByTestId('latest-rank')).toHaveText('22/34');
	// 33/63 in 2022 (synthetic) → 28, 27 among 63; 2024 30/63; 2025: t′ = 29 → floor(1 + 28·33/62) = 15 among 34.
	await expect(pci.getByTestId('target').locator('strong')).toHaveText('15/34');
	await expect(pci.getByTestId('lineage')).toHaveText(/Năm gốc 2022: thứ hạng của Quảng Ngãi \(đến 2025\)/);
	// 30/63 ≈ floor(1 + 29·33/62) = 16/34: 16 → 22 is a fall of six, against the equivalent.
	await expect(pci.getByText('▼ giảm 6 bậc (so với 30/63 ≈ 16/34)')).toBeVisible();
	await expect(pci).not.toContainText('chưa có năm gốc');
	// What it was made of: old Quảng Ngãi (its name, its seat, its baseline) and Kon Tum, with their last ranks among 63.
	const made = page.locator('section.predecessors');
	await expect(made.locator('tr', { hasText: 'Kon Tum' })).toContainText('40/63 (2024)');
	await expect(made.locator('tr', { hasText: 'Quảng Ngãi' })).toContainText('30/63 (2024)');
	// The picker tells the two Quảng Ngãi apart.
	await expect(page.locator('select[name="unit"] option[value="2025-quang-ngai"]')).toHaveText('Quảng Ngãi (từ 7/2025)');
	await expect(page.locator('select[name="unit"] option[value="51"]')).toHaveText('Quảng Ngãi (đến 2025)');
	await expectNoRawDifference(page);
});

test('index page: the trajectory note explains the break, the 2025 table shows changes against the equivalent', async ({ page }) => {
	await page.goto(`${server.url}/pci?unit=Kon%20Tum`);
	await expect(page.getByText(/Số đơn vị xếp hạng thay đổi tại năm 2025/)).toBeVisible();
	await page.goto(`${server.url}/pci?unit=H%C3%A0%20N%E1%BB%99i&year=2025`);
	// Hà Nội: 45/63 in 2024 ≈ floor(1 + 44·33/62) = 24/34, and 24th in 2025: no change, not a climb of 21.
	const row = page.locator('tr', { has: page.locator('th', { hasText: /^Hà Nội$/ }) });
	await expect(row).toContainText('45/63 ≈ 24/34');
	await expect(row).toContainText('=');
	await expect(page.locator('body')).not.toContainText('▲ 21');
});

test('briefing for Kon Tum 2025 says the change against the equivalent and the target among 34', async ({ page }) => {
	await page.goto(`${server.url}/briefing?unit=Kon%20Tum&year=2025`);
	const body = page.locator('body');
	await expect(body).toContainText('giảm 1 bậc (so với 40/63 ≈ 21/34)');
	await expect(body).toContainText('21/34');
	await expectNoRawDifference(page);
});

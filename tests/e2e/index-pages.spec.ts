import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const CHARTS = ['trajectory', 'trend', 'distribution', 'breakdown', 'peers'];

for (const slug of ['pci', 'papi', 'par-index']) {
	test(`/${slug}: every chart has an accessible name, a caption with a source and a working data-table toggle`, async ({ page }) => {
		await page.goto(`/${slug}`);
		for (const id of CHARTS) {
			const figure = page.locator(`figure#${id}`);
			await expect(figure, id).toBeVisible();
			await expect(figure.locator('figcaption h3')).not.toBeEmpty();
			await expect(figure.locator('figcaption .source')).toContainText(/^Nguồn: .+; lô nhập số \d+ \(.+\.csv\)/);
			const svg = figure.locator('svg[role="img"]').first();
			await expect(svg).toHaveAttribute('aria-label', /.{20,}/);
			const table = figure.locator('.data-table');
			await expect(table).toBeHidden();
			await figure.getByRole('button', { name: 'Xem bảng số liệu' }).click();
			await expect(table).toBeVisible();
			await expect(table.locator('tbody tr').first()).toBeVisible();
			await figure.getByRole('button', { name: 'Ẩn bảng số liệu' }).click();
			await expect(table).toBeHidden();
		}
		await expect(page.getByRole('heading', { level: 2, name: /^Bảng xếp hạng/ })).toBeVisible();
	});
}

test('/par-index draws Kon Tum’s 2023 as met against a target of 50, with the path to 2030', async ({ page }) => {
	await page.goto('/par-index');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chỉ số CCHC của Kon Tum');
	const figure = page.locator('figure#trajectory');
	await figure.getByRole('button', { name: 'Xem bảng số liệu' }).click();
	const row = (year: number) => figure.locator('.data-table tbody tr', { has: page.locator(`td:first-child:text-is("${year}")`) }).locator('td');
	expect(await row(2022).allInnerTexts()).toEqual(['2022', '55', '63', '—', '—', '—', 'năm gốc', '—']);
	expect(await row(2023).allInnerTexts()).toEqual(['2023', '43', '63', '50', '63', '—', 'đạt', '—']);
	expect(await row(2024).allInnerTexts()).toEqual(['2024', '—', '—', '42', '63', '—', 'chưa có dữ liệu', '—']);
	// Among the 34 units from 2025: 41 of 63 → floor(1 + 40·33/62) = 22 of 34 in 2025, then a place a year to 17.
	expect(await row(2030).allInnerTexts()).toEqual(['2030', '—', '—', '17', '34', '—', 'chưa có dữ liệu', 'không so sánh được: đơn vị đã sáp nhập hoặc đổi ranh giới']);
	// Keyboard focus on the 2023 mark shows its exact values.
	await figure.locator('g.mark[aria-label^="2023"]').focus();
	const tooltip = figure.locator('.tooltip');
	await expect(tooltip).toContainText('Thứ hạng: 43/63');
	await expect(tooltip).toContainText('Hạng mục tiêu: 50/63');
	await expect(tooltip).toContainText('Tình trạng: đạt');
});

async function download(page: Page, figureId: string, kind: 'svg' | 'png' | 'csv') {
	const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`figure#${figureId} button[data-download="${kind}"]`).click()]);
	return { name: file.suggestedFilename(), content: fs.readFileSync((await file.path())!) };
}

test('SVG, PNG and CSV downloads carry the chart, its title and source, and its figures', async ({ page }) => {
	await page.goto('/par-index');
	const title = 'Thứ hạng Chỉ số CCHC của Kon Tum và lộ trình mục tiêu';

	const svg = await download(page, 'trajectory', 'svg');
	expect(svg.name).toBe('thu-hang-chi-so-cchc-cua-kon-tum-va-lo-trinh-muc-tieu.svg');
	const markup = svg.content.toString('utf8');
	expect(markup).toContain(`>${title}</text>`);
	expect(markup).toMatch(/>Nguồn: Bộ Nội vụ .*lô nhập số \d+/);
	// One mark a year 2021–2030 that has a rank or a target: the same marks as on the page.
	const marksOnPage = await page.locator('figure#trajectory g.mark').count();
	expect(marksOnPage).toBe(10);
	expect(markup.match(/<g class="mark/g)).toHaveLength(marksOnPage);
	expect(markup).toContain('aria-label="2023; Thứ hạng: 43/63; Hạng mục tiêu: 50/63; Tình trạng: đạt"');

	const png = await download(page, 'trajectory', 'png');
	expect(png.name).toBe('thu-hang-chi-so-cchc-cua-kon-tum-va-lo-trinh-muc-tieu.png');
	expect(png.content.subarray(1, 4).toString('ascii')).toBe('PNG');
	// Drawn at twice the SVG file's size.
	const width = Number(/^<svg[^>]* width="(\d+)"/.exec(markup)![1]);
	const height = Number(/^<svg[^>]* height="(\d+)"/.exec(markup)![1]);
	expect(png.content.readUInt32BE(16)).toBe(width * 2);
	expect(png.content.readUInt32BE(20)).toBe(height * 2);

	const csv = await download(page, 'trajectory', 'csv');
	expect(csv.name).toBe('thu-hang-chi-so-cchc-cua-kon-tum-va-lo-trinh-muc-tieu.csv');
	const lines = csv.content.toString('utf8').split('\r\n');
	expect(lines[0]).toBe('\ufeffNăm,Thứ hạng,N,Hạng mục tiêu,N của mục tiêu,Năm trước ≈ (N mới),Tình trạng,Ghi chú');
	expect(lines).toContain('2022,55,63,,,,năm gốc,');
	expect(lines).toContain('2023,43,63,50,63,,đạt,');
	// 2030: among the 34 units of 2025 on (42 − 1 = 41 of 63 → 22 of 34 in 2025, then a place a year).
	expect(lines).toContain('2030,,,17,34,,chưa có dữ liệu,không so sánh được: đơn vị đã sáp nhập hoặc đổi ranh giới');
	// As many figure rows as the data table has.
	await page.locator('figure#trajectory').getByRole('button', { name: 'Xem bảng số liệu' }).click();
	const tableRows = await page.locator('figure#trajectory .data-table tbody tr').count();
	expect(lines.filter((l) => l !== '').length - 1).toBe(tableRows);
});

test('the ranking table finds a unit without diacritics and sorts by a column', async ({ page }) => {
	await page.goto('/pci?year=2019');
	const rows = page.locator('section.ranking tbody tr');
	await expect(rows).toHaveCount(63);
	await expect(rows.first().locator('th')).toHaveText('Quảng Ninh');
	await page.getByLabel('Tìm đơn vị').fill('kon tum');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('56/63');
	await page.getByLabel('Tìm đơn vị').fill('');
	await page.getByRole('button', { name: 'Sắp xếp theo Thứ hạng' }).click();
	await expect(page.locator('section.ranking th[aria-sort="descending"]')).toHaveCount(1);
	await expect(rows.first().locator('td').first()).toContainText('63/63');
});

test('the index page in English, and ?unit=Gia%20Lai&year=2019 reproduces the view', async ({ page }) => {
	await page.goto('/pci?unit=Gia%20Lai&year=2019&lang=en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('PCI: Gia Lai');
	await expect(page.locator('select[name="year"]')).toHaveValue('2019');
	await expect(page.getByRole('heading', { name: 'PCI ranking 2019' })).toBeVisible();
	await expect(page.locator('section.ranking tr.focus')).toContainText('30/63');
	await expect(page.locator('figure#trajectory').getByRole('button', { name: 'Show data table' })).toBeVisible();
	await expect(page.locator('figure#distribution svg[role="img"]')).toHaveAttribute('aria-label', 'Chart of the PCI scores of every unit in 2019, Gia Lai highlighted');
	// Peers default to the region: Tây Nguyên's five provinces.
	await page.locator('figure#peers').getByRole('button', { name: 'Show data table' }).click();
	const peers = await page.locator('figure#peers .data-table tbody tr td:first-child').allInnerTexts();
	expect([...new Set(peers)].sort()).toEqual(['Đắk Lắk', 'Đắk Nông', 'Gia Lai', 'Kon Tum', 'Lâm Đồng'].sort());
	// The nav keeps the unit and the language.
	await page.getByRole('link', { name: 'PAPI', exact: true }).click();
	await expect(page).toHaveURL(/\/papi\?unit=Gia\+Lai&lang=en$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('PAPI: Gia Lai');
});

test('chosen peers replace the region', async ({ page }) => {
	await page.goto('/pci?year=2019&peers=Ha%20Noi,%20TP.HCM');
	await page.locator('figure#peers').getByRole('button', { name: 'Xem bảng số liệu' }).click();
	const peers = await page.locator('figure#peers .data-table tbody tr td:first-child').allInnerTexts();
	expect([...new Set(peers)]).toEqual(['Kon Tum', 'Hà Nội', 'TP. Hồ Chí Minh']);
	await expect(page.locator('figure#peers .subtitle')).toHaveText('Nhóm: nhóm tự chọn');
});

test('an unknown index says so, in the interface language, with a way back', async ({ page }) => {
	const response = await page.goto('/nope?lang=en');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Error 404');
	await expect(page.getByText('There is no index “nope”.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Back to the overview →' })).toHaveAttribute('href', '/?lang=en');
});

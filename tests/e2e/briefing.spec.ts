import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runCli } from '../helpers/cli.ts';
import { axeViolations } from '../helpers/axe.ts';
import { startServer } from '../helpers/server.ts';
import { writeSyntheticPapi } from '../helpers/synthetic-what-if.ts';
import { PRINTABLE_HEIGHT_PX } from '../../src/lib/ui/fit-page.ts';

const KON_TUM_2023 = '/briefing?unit=Kon%20Tum&year=2023';
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-briefing-e2e-'));

/** Page count and page size of a PDF, read by poppler's pdfinfo. */
function pdfInfo(file: string): { pages: number; width: number; height: number } {
	const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
	const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
	return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), width: Number(size[1]), height: Number(size[2]) };
}

/**
 * The PDF's text by poppler's pdftotext, as it extracts: compared exactly,
 * whitespace included, with a line break where the page wraps. Vietnamese words
 * come out whole ("tỉnh", not "tỉ nh": the font's files carry their unicode-range, src/lib/ui/fonts.css).
 */
function pdfText(file: string, page?: number): string {
	const range = page ? ['-f', String(page), '-l', String(page)] : [];
	return spawnSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' }).stdout;
}

/** A4 is 595.28 × 841.89 pt; Chromium rounds to whole CSS pixels. */
function expectA4(info: { width: number; height: number }) {
	expect(Math.abs(info.width - 595.28)).toBeLessThan(1);
	expect(Math.abs(info.height - 841.89)).toBeLessThan(1);
}

// As printed: the findings share the sheet's width with the small map (issue 18), so the sentence wraps after "tăng" / "places".
const PAR_SENTENCE_VI = 'Năm 2023, Chỉ số CCHC của tỉnh Kon Tum xếp thứ 43/63, tăng\n12 bậc so với năm 2022, vượt mục tiêu (hạng 50) 7 bậc.\n';
const PAR_SENTENCE_EN = 'In 2023, the PAR INDEX of Kon Tum ranked 43/63, up 12 places\non 2022, beating its target (rank 50) by 7 places.\n';

test('printed, the briefing is a cover and one A4 page per index, with no chart across a page boundary and no controls', async ({ page }) => {
	await page.goto(KON_TUM_2023);
	await page.locator('.briefing[data-ready="true"]').waitFor({ state: 'attached' });
	await expect(page.locator('.sheet')).toHaveCount(4);
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.toolbar')).toBeHidden();
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(page.locator('.briefing').locator('button, a, input, select')).toHaveCount(0);

	// Each sheet starts a page (break-before); a sheet no taller than the printable height keeps its charts on that page.
	const sheets = await page.locator('.sheet').evaluateAll((elements) =>
		elements.map((sheet) => {
			const top = sheet.getBoundingClientRect().top;
			const figures = [...sheet.querySelectorAll('figure')].map((f) => f.getBoundingClientRect());
			return { height: sheet.getBoundingClientRect().height, figures: figures.map((r) => ({ top: r.top - top, bottom: r.bottom - top })) };
		})
	);
	// Per index page: the rank trajectory, the components and the small map of ranks.
	expect(sheets.flatMap((s) => s.figures)).toHaveLength(9);
	for (const sheet of sheets) {
		expect(sheet.height).toBeLessThanOrEqual(PRINTABLE_HEIGHT_PX);
		for (const figure of sheet.figures) {
			expect(figure.top).toBeGreaterThanOrEqual(0);
			expect(figure.bottom).toBeLessThanOrEqual(PRINTABLE_HEIGHT_PX);
		}
	}

	// And Chromium's own print agrees: four A4 pages, both PAR INDEX charts whole on page 2 with its footer.
	const file = path.join(tempDir(), 'printed.pdf');
	fs.writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
	const info = pdfInfo(file);
	expect(info.pages).toBe(4);
	expectA4(info);
	const page2 = pdfText(file, 2);
	expect(page2).toContain('\nThứ hạng Chỉ số CCHC của Kon Tum và lộ trình mục tiêu\n');
	expect(page2).toContain('\nCác chỉ số thành phần Chỉ số CCHC của Kon Tum, năm 2023\n');
	expect(page2).toMatch(/\nTrang 2\/4 · In ngày \d\d\/\d\d\/\d{4}\n/);
	expect(page2).toContain('\nNguồn: Bộ Nội vụ (Ban Chỉ đạo CCHC của Chính phủ); số liệu các năm 2021–2023; lô nhập số 1\n(components.csv)');
});

test('`chiso briefing` writes the A4 PDF on its own database: cover, one page per index, the PAR INDEX sentence', () => {
	const dir = tempDir();
	const out = path.join(dir, 'b.pdf');
	const result = runCli(path.join(dir, 'cli.duckdb'), ['briefing', '--unit', 'Kon Tum', '--year', '2023', '--out', out]);
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	expect(result.stdout).toMatch(/^Đã ghi .*b\.pdf \(\d+ kB\)\.\n$/);
	const info = pdfInfo(out);
	expect(info.pages).toBe(4);
	expectA4(info);
	const text = pdfText(out);
	// The issue's own words (issue 17, "Done when"), then whole lines.
	expect(text).toContain('Năm 2023, Chỉ số CCHC của tỉnh Kon Tum xếp thứ 43/63');
	expect(text).toMatch(/^Báo cáo nhanh: tỉnh Kon Tum, năm 2023\nThứ hạng Chỉ số CCHC, PAPI và PCI so với mục tiêu\n/);
	for (const line of ['\nPAPI\n', '\nPCI\n', `\n${PAR_SENTENCE_VI}`, '\nĐiểm cần\nthêm\n']) expect(text).toContain(line);
	expect(text).toMatch(/\nTrang 4\/4 · In ngày \d\d\/\d\d\/\d{4}\n/);
});

test('`chiso briefing --server` prints from the running server (no fight over the database file), in English', ({ baseURL }) => {
	const dir = tempDir();
	const out = path.join(dir, 'b-en.pdf');
	const result = runCli(path.join(dir, 'unused.duckdb'), ['briefing', '--unit', 'Kon Tum', '--year', '2023', '--out', out, '--server', baseURL!, '--lang', 'en']);
	expect(result.status).toBe(0);
	expect(fs.existsSync(path.join(dir, 'unused.duckdb'))).toBe(false);
	expect(pdfInfo(out).pages).toBe(4);
	const text = pdfText(out);
	expect(text).toMatch(/^Briefing: Kon Tum, 2023\n/);
	for (const line of ['\nPAPI\n', '\nPCI\n', `\n${PAR_SENTENCE_EN}`]) expect(text).toContain(line);
	expect(text).toMatch(/\nPage 1\/4 · Printed \d{1,2} [A-Z][a-z]+ \d{4}\n/);
});

test('`chiso briefing` on the file a running server holds stops and points to --server; the server carries on', async ({ request }) => {
	const result = runCli('test-results/e2e.duckdb', ['briefing', '--unit', 'Kon Tum', '--year', '2023', '--out', path.join(tempDir(), 'x.pdf')]);
	expect(result.status).toBe(3);
	expect(result.stderr).toContain('máy chủ chiso (hoặc một tiến trình khác) đang giữ tệp này');
	expect(result.stderr).toContain('in từ máy chủ đang chạy bằng --server');
	expect((await request.get(KON_TUM_2023)).status()).toBe(200);
});

test('the “Tải PDF” button downloads the same briefing, printed by the server', async ({ page }) => {
	await page.goto(KON_TUM_2023);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải PDF' }).click()]);
	expect(download.suggestedFilename()).toBe('briefing-kon-tum-2023.pdf');
	const file = path.join(tempDir(), download.suggestedFilename());
	await download.saveAs(file);
	expect(pdfInfo(file).pages).toBe(4);
	expect(pdfText(file)).toContain(`\n${PAR_SENTENCE_VI}`);
});

test('the page says what a person sees: summary, status words beside their shapes, English a switch away', async ({ page }) => {
	await page.goto(KON_TUM_2023);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo nhanh: tỉnh Kon Tum, năm 2023');
	const par = page.locator('table.summary tr[data-index="PAR_INDEX"]');
	await expect(par.locator('td').nth(0)).toHaveText('43/63');
	await expect(par.locator('td.status')).toHaveText('đạt');
	// PCI 2023: VCCI published only the top 30; Kon Tum is known to be outside it (31–63), against a target of 37 − 5 = 32.
	const pci = page.locator('table.summary tr[data-index="PCI"]');
	await expect(pci.locator('td').nth(0)).toHaveText('ngoài top 30 (hạng 31–63)');
	await expect(pci.locator('td.status')).toHaveText('chưa xác định được');
	await expect(page.locator('section[data-index="PCI"] .findings li').first()).toHaveText(
		'Năm 2023, PCI của tỉnh Kon Tum chỉ được biết là ngoài top 30 (hạng 31–63) (nguồn: baogialai.com.vn).'
	);
	await expect(page.locator('section[data-index="PCI"] .findings li').nth(1)).toHaveText(
		'Với mục tiêu hạng 32, chưa xác định được là đạt hay không: hạng 31 thì đạt, hạng 63 thì không.'
	);
	await expect(page.locator('section[data-index="PAR_INDEX"] .findings li').first()).toHaveText(PAR_SENTENCE_VI);
	await expect(page.getByRole('img', { name: 'Biểu đồ thứ hạng Chỉ số CCHC của Kon Tum theo năm, với thứ hạng mục tiêu' })).toBeVisible();

	await page.goto(`${KON_TUM_2023}&lang=en`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Briefing: Kon Tum, 2023');
	await expect(page.locator('section[data-index="PAR_INDEX"] .findings li').first()).toHaveText(PAR_SENTENCE_EN);
});

test('wrong parameters answer 400 with the reason, for the page and the PDF', async ({ request }) => {
	const unknown = await request.get('/briefing?unit=Kon%20Tom&year=2023');
	expect(unknown.status()).toBe(400);
	expect(await unknown.text()).toContain('Không có đơn vị “Kon Tom”');
	const year = await request.get('/briefing/pdf?unit=Kon%20Tum&year=20x3&lang=en');
	expect(year.status()).toBe(400);
	expect(await year.text()).toContain('Year “20x3” is not valid');
});

// tests/helpers/synthetic-what-if.ts: Kon Tum's PAPI 2023 is 55 (51st) against a target of 46th, which needs the
// 46th other's 55.5; the eight dimensions weigh alike, so the first in the catalogue, Participation, goes 6 → 6.5.
test('a missed target: the path’s chart shows each component now and needed, on the index’s one printed page', async ({ page }) => {
	const server = await startServer({
		prepare: (db) => {
			for (const args of [['init', '--empty'], ['import', writeSyntheticPapi()]]) {
				const result = runCli(db, args);
				if (result.status !== 0) throw new Error(result.stderr);
			}
		}
	});
	try {
		await page.goto(`${server.url}/briefing?unit=Kon%20Tum&year=2023&indices=PAPI`);
		await page.locator('.briefing[data-ready="true"]').waitFor({ state: 'attached' });
		const chart = page.getByRole('figure', { name: 'Điểm cần đạt để lên hạng 46: PAPI của Kon Tum, năm 2023' });
		await expect(chart).toBeVisible();
		await expect(chart.getByRole('img', { name: 'Biểu đồ điểm hiện tại và điểm cần đạt của từng chỉ số thành phần PAPI để Kon Tum lên hạng 46 năm 2023' })).toBeVisible();
		await expect(chart.locator('svg text')).toHaveText(['Tham gia của người dân ở cấp cơ sở', '6 → 6,5 (+0,5)']);
		// The needed score is a mark a keyboard reaches, its figures in words.
		await expect(chart.getByRole('img', { name: 'Tham gia của người dân ở cấp cơ sở; Từ: 6 / 10; Đến: 6,5; Tăng: +0,5' })).toBeVisible();
		expect(await axeViolations(page)).toEqual([]);

		// Printed: the cover and the PAPI page, the chart on the PAPI page with the sentence it draws.
		await page.emulateMedia({ media: 'print' });
		const file = path.join(tempDir(), 'path.pdf');
		fs.writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
		expect(pdfInfo(file).pages).toBe(2);
		const page2 = pdfText(file, 2).replace(/\s+/g, ' ');
		expect(page2).toContain('Điểm cần đạt để lên hạng 46: PAPI của Kon Tum, năm 2023');
		expect(page2).toContain('Tham gia của người dân ở cấp cơ sở từ 6 lên 6,5');
	} finally {
		await server.stop();
	}
});

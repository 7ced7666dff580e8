import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../../helpers/temp-db.ts';
import { closeDatabase } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { loadBriefing, resolveBriefingRequest } from '../../../../../src/lib/server/briefing.ts';
import { briefingFileName, briefingView, cssString, formatDay, printCss, yearSpans } from '../../../../../src/lib/server/views/briefing.ts';

describe('print stylesheet helpers', () => {
	it('cssString escapes quotes, backslashes, new lines and "<" so nothing leaves the string or the <style>', () => {
		expect(cssString('Nguồn: "VCCI"')).toBe('"Nguồn: \\"VCCI\\""');
		expect(cssString('a\\b\nc</style>')).toBe('"a\\\\b\\A c\\3C /style>"');
	});

	it('yearSpans shortens runs of years', () => {
		expect(yearSpans([2019, 2015, 2016, 2017, 2018, 2021, 2023, 2022, 2016])).toBe('2015–2019, 2021–2023');
		expect(yearSpans([2020])).toBe('2020');
	});

	it('formatDay writes the day as in Vietnam (UTC+7): 23:30 UTC on 25 November is 26 November there', () => {
		const late = new Date('2026-11-25T23:30:00Z');
		expect(formatDay('vi', late)).toBe('26/11/2026');
		expect(formatDay('en', late)).toBe('26 November 2026');
	});

	it('briefingFileName is ASCII', () => {
		expect(briefingFileName('vi', { code: '62', nameAscii: 'Kon Tum' }, 2023)).toBe('briefing-kon-tum-2023.pdf');
		expect(briefingFileName('en', { code: '79', nameAscii: 'Ho Chi Minh City' }, 2019)).toBe('briefing-ho-chi-minh-city-2019-en.pdf');
	});

	it('printCss sets A4 portrait with margins, page x/y and the day on every page, and each index page’s own sources', () => {
		const css = printCss('vi', 'Nguồn: VCCI', 'In ngày 26/11/2026', [{ pageName: 'index-pci', footer: 'Nguồn: VCCI; lô nhập số 2' }]);
		expect(css).toContain('@page { size: A4 portrait; margin: 12mm 12mm 20mm 12mm;');
		expect(css).toContain('content: "Trang " counter(page) "/" counter(pages) " · In ngày 26/11/2026";');
		expect(css).toContain('@page index-pci { @bottom-left { content: "Nguồn: VCCI; lô nhập số 2"; } }');
	});
});

describe('briefingView on the shipped figures', () => {
	beforeAll(async () => {
		useTempDatabase('briefing-view');
		await ensureDatabase();
	});
	afterAll(closeDatabase);

	const kontum2023 = async (locale: 'vi' | 'en') =>
		briefingView(locale, await loadBriefing(locale, await resolveBriefingRequest(locale, { unit: 'Kon Tum', year: '2023' })), new Date('2026-11-26T03:00:00Z'));

	it('the cover’s summary: PAR INDEX 43/63, up 55 − 43 = 12, target 55 − 5 = 50, met; PAPI has no 2022 baseline; PCI’s 2023 target is 37 − 5 = 32, its rank known only as outside the top 30 (31–63): undetermined', async () => {
		const view = await kontum2023('vi');
		expect(view.title).toBe('Báo cáo nhanh: tỉnh Kon Tum, năm 2023');
		expect(view.summary).toEqual([
			{
				indexId: 'PAR_INDEX', name: 'Chỉ số CCHC', rank: '43/63', previous: '▲ tăng 12 bậc', baseline: '▲ tăng 12 bậc (2022)',
				target: '50/63', status: 'met', statusText: 'đạt', comparable: true, needed: '—'
			},
			{
				indexId: 'PAPI', name: 'PAPI', rank: 'chưa có (gần nhất 49/63 năm 2020)', previous: '—', baseline: '—',
				target: '—', status: 'no_baseline', statusText: 'chưa có năm gốc', comparable: true, needed: '—'
			},
			{
				indexId: 'PCI', name: 'PCI', rank: 'ngoài top 30 (hạng 31–63)', previous: '—', baseline: '—',
				target: '32/63', status: 'undetermined', statusText: 'chưa xác định được', comparable: true, needed: '—'
			}
		]);
		expect(view.printedOn).toBe('In ngày 26/11/2026');
	});

	it('one page per index with figures, its findings led by the PAR INDEX sentence', async () => {
		const view = await kontum2023('vi');
		expect(view.pages.map((p) => p.id)).toEqual(['PAR_INDEX', 'PAPI', 'PCI']);
		expect(view.pages[0].findings[0]).toBe('Năm 2023, Chỉ số CCHC của tỉnh Kon Tum xếp thứ 43/63, tăng 12 bậc so với năm 2022, vượt mục tiêu (hạng 50) 7 bậc.');
		expect((await kontum2023('en')).pages[0].findings[0]).toBe(
			'In 2023, the PAR INDEX of Kon Tum ranked 43/63, up 12 places on 2022, beating its target (rank 50) by 7 places.'
		);
	});

	it('says PCI 2023 in words: outside the top 30 (31–63), with its source, undetermined against 37 − 5 = 32', async () => {
		const pci = (await kontum2023('vi')).pages[2];
		expect(pci.findings.slice(0, 2)).toEqual([
			'Năm 2023, PCI của tỉnh Kon Tum chỉ được biết là ngoài top 30 (hạng 31–63) (nguồn: baogialai.com.vn).',
			'Với mục tiêu hạng 32, chưa xác định được là đạt hay không: hạng 31 thì đạt, hạng 63 thì không.'
		]);
		// The trajectory draws 2023 as the interval 31–63, and 2024's target as the range 31 − 1 … 32 − 1.
		expect(pci.trajectory.points.filter((p) => p.year >= 2023)).toEqual([
			expect.objectContaining({ year: 2023, rank: null, rankMin: 31, rankMax: 63, targetRank: 32, status: 'undetermined' }),
			expect.objectContaining({ year: 2024, rank: null, targetRank: null, targetRankMin: 30, targetRankMax: 31, status: 'pending' })
		]);
	});

	it('the trajectory runs to the year after the briefing’s, showing its target: 2024 needs 43 − 1 = 42', async () => {
		const [par] = (await kontum2023('vi')).pages;
		expect(par.trajectory.points.map((p) => [p.year, p.rank, p.targetRank, p.status])).toEqual([
			[2021, 59, null, null],
			[2022, 55, null, 'baseline'],
			[2023, 43, 50, 'met'],
			[2024, null, 42, 'pending']
		]);
	});

	it('each index page’s footer names its publisher, the years of its figures and its import batches', async () => {
		const view = await kontum2023('vi');
		expect(view.pages[2].footer).toBe('Nguồn: VCCI; số liệu các năm 2015–2022; lô nhập số 2 (full-tables-2015-2019.csv), số 3 (full-tables-pci-2020.csv), số 4 (pages-2012-2024.csv)');
		expect(view.printCss).toContain('@page index-pci { @bottom-left { content: "Nguồn: VCCI; số liệu các năm 2015–2022;');
	});
});

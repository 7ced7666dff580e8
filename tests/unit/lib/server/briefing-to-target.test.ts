/**
 * The briefing's "Để đạt mục tiêu" (to reach the target), on the synthetic
 * PAPI 2022–2023 table of tests/helpers/synthetic-what-if.ts: Kon Tum 51st in
 * 2023 against a target of 46th, which needed 55.5 (the 46th other's total).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../helpers/temp-db.ts';
import { writeSyntheticPapi } from '../../../helpers/synthetic-what-if.ts';
import { closeDatabase } from '../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../src/lib/server/import/pipeline.ts';
import { loadBriefing, resolveBriefingRequest } from '../../../../src/lib/server/briefing.ts';
import { briefingView, reachRows, reachSentence } from '../../../../src/lib/server/views/briefing.ts';

beforeAll(async () => {
	useTempDatabase('briefing-to-target');
	await ensureDatabase({ empty: true });
	await importFile({ file: writeSyntheticPapi(), importedBy: 'test' });
}, 120_000);
afterAll(closeDatabase);

describe('to reach the target, in the briefing', () => {
	it('a missed year gets the cheapest path in one sentence: +0.5 on Participation (6 → 6.5), in Vietnamese and English', async () => {
		for (const [locale, sentence] of [
			['vi', 'Để đạt hạng 46 năm 2023 (các đơn vị khác giữ nguyên điểm), cần thêm 0,5 điểm tổng, ít điểm thành phần nhất: Tham gia của người dân ở cấp cơ sở từ 6 lên 6,5. Tổng cộng 0,5 điểm thành phần.'],
			['en', 'To reach rank 46 in 2023 (the others’ scores held), 0.5 more points of total were needed, with the fewest component points: Participation at Local Levels from 6 to 6.5. 0.5 component points in all.']
		] as const) {
			const request = await resolveBriefingRequest(locale, { unit: 'Kon Tum', year: '2023', indices: 'PAPI' });
			const briefing = await loadBriefing(locale, request);
			expect(briefing.indices[0].report?.years.find((y) => y.year === 2023)).toMatchObject({ rank: 51, targetRank: 46, status: 'missed' });
			const page = briefingView(locale, briefing, new Date('2026-11-27T12:00:00Z')).pages[0];
			expect(page.reach).toBe(sentence);
			expect(page.reachHref).toBe(`/papi/what-if?unit=Kon%20Tum&year=2023${locale === 'en' ? '&lang=en' : ''}`);
		}
	});

	it('the path’s chart: Participation now 6, needed 6.5, on its 0–10 track, titled with the rank it buys', async () => {
		const briefing = await loadBriefing('vi', await resolveBriefingRequest('vi', { unit: 'Kon Tum', year: '2023', indices: 'PAPI' }));
		const chart = briefingView('vi', briefing, new Date('2026-11-27T12:00:00Z')).pages[0].reachChart;
		expect(chart?.rows).toEqual([{ componentId: 'papi_d1', name: 'Tham gia của người dân ở cấp cơ sở', from: 6, to: 6.5, maxPoints: 10 }]);
		expect(chart?.table.rows).toEqual([{ component: 'Tham gia của người dân ở cấp cơ sở', from: 6, to: 6.5, plus: 0.5, max: 10 }]);
		expect(chart?.title).toBe('Điểm cần đạt để lên hạng 46: PAPI của Kon Tum, năm 2023');
	});

	it('a met or baseline year has no such section: 2022 is the baseline', async () => {
		const briefing = await loadBriefing('vi', await resolveBriefingRequest('vi', { unit: 'Kon Tum', year: '2022', indices: 'PAPI' }));
		expect(briefing.indices[0].toTarget).toBeNull();
		const page = briefingView('vi', briefing, new Date()).pages[0];
		expect(page.reach).toBeNull();
		expect(page.reachChart).toBeNull();
	});

	it('a target beyond reach says so, with no path', () => {
		const item = { components: [], toTarget: { rank: 1, totalNeeded: 99, gainNeeded: 44, reachable: false, path: [], pathPoints: 0, passes: [] } };
		expect(reachSentence('vi', item, 2023)).toBe('Không thể đạt hạng 1 năm 2023 kể cả khi mọi chỉ số thành phần đạt điểm tối đa.');
		expect(reachRows(item)).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import { indexFindings, unitPhrase, type FindingsInput, type RankFact } from '../../../../src/lib/domain/findings.ts';
import type { TargetYear } from '../../../../src/lib/domain/plan.ts';

const fact = (year: number, rank: number | null, n: number | null = 63, score: number | null = null): RankFact => ({
	year, rank, n, score, rankSource: rank === null ? null : 'published'
});

/** A plan year as the engine reports it; the tests fill in the verdict by hand. */
const planYear = (year: number, fields: Partial<TargetYear>): TargetYear => ({
	year, rank: null, n: null, percentile: null, score: null, rankSource: null, targetRank: null, rankMin: null, rankMax: null,
	targetRankMin: null, targetRankMax: null, targetN: null, gap: null,
	previousRank: null, previousN: null, previousEquivalent: null, change: null,
	status: 'pending', comparable: true, reason: null, ...fields
});

/** Kon Tum's PAR INDEX: 55th of 63 in 2022 (baseline), 43rd in 2023; the directive's target for 2023 is 55 − 5 = 50. */
const parIndex: FindingsInput = {
	indexId: 'PAR_INDEX',
	index: 'Chỉ số CCHC',
	unit: 'tỉnh Kon Tum',
	year: 2023,
	maxScore: 100,
	totals: [fact(2022, 55, 63, 81.35), fact(2023, 43, 63, 86.14)],
	plan: {
		baselineYear: 2022,
		years: [
			planYear(2022, { rank: 55, n: 63, status: 'baseline' }),
			planYear(2023, { rank: 43, n: 63, targetRank: 50, gap: -7, status: 'met' }),
			planYear(2024, { targetRank: 42 })
		]
	},
	needed: null,
	components: []
};

describe('unitPhrase', () => {
	it('names a province "tỉnh", a centrally-run city "thành phố", and leaves a name that says "TP." alone', () => {
		expect(unitPhrase('vi', { name: 'Kon Tum', kind: 'tinh' })).toBe('tỉnh Kon Tum');
		expect(unitPhrase('vi', { name: 'Cần Thơ', kind: 'thanh_pho_truc_thuoc_trung_uong' })).toBe('thành phố Cần Thơ');
		expect(unitPhrase('vi', { name: 'TP. Hồ Chí Minh', kind: 'thanh_pho_truc_thuoc_trung_uong' })).toBe('TP. Hồ Chí Minh');
		expect(unitPhrase('en', { name: 'Kon Tum', kind: 'tinh' })).toBe('Kon Tum');
		// A unit outside the province cohort (a ministry) has no kind and is named alone.
		expect(unitPhrase('vi', { name: 'Bộ Tư pháp', kind: null })).toBe('Bộ Tư pháp');
	});
});

describe('indexFindings: the rank sentence and the target verdict', () => {
	it('met: 43rd, up 55 − 43 = 12 places on 2022, 7 places better than the target 50', () => {
		const [first] = indexFindings('vi', parIndex);
		expect(first).toBe('Năm 2023, Chỉ số CCHC của tỉnh Kon Tum xếp thứ 43/63, tăng 12 bậc so với năm 2022, vượt mục tiêu (hạng 50) 7 bậc.');
		expect(indexFindings('en', { ...parIndex, index: 'PAR INDEX', unit: 'Kon Tum' })[0]).toBe(
			'In 2023, the PAR INDEX of Kon Tum ranked 43/63, up 12 places on 2022, beating its target (rank 50) by 7 places.'
		);
	});

	it('across the 2025 change of N the sentence compares with equivalents, never raw places (issue 12)', () => {
		// 40/63 in 2024 ≈ floor(1 + 39·33/62) = 21/34 → 22/34 is one place down (not 18 up); 37/63 in 2022 ≈
		// floor(1 + 36·33/62) = 20/34 → two down; target t′ = 39 of 63 → floor(1 + 38·33/62) = 21 of 34, missed by 1.
		const input: FindingsInput = {
			...parIndex,
			year: 2025,
			totals: [fact(2022, 37, 63), fact(2024, 40, 63), fact(2025, 22, 34)],
			plan: {
				baselineYear: 2022,
				years: [
					planYear(2022, { rank: 37, n: 63, status: 'baseline' }),
					planYear(2024, { rank: 40, n: 63, targetRank: 31, targetN: 63, gap: 9, status: 'missed' }),
					planYear(2025, {
						rank: 22, n: 34, targetRank: 21, targetN: 34, gap: 1, status: 'missed', comparable: false, reason: 'n_changed',
						previousRank: 40, previousN: 63, previousEquivalent: 21, change: -1
					})
				]
			}
		};
		expect(indexFindings('vi', input)[0]).toBe(
			'Năm 2025, Chỉ số CCHC của tỉnh Kon Tum xếp thứ 22/34, giảm 1 bậc so với năm 2024 (40/63 ≈ 21/34), giảm 2 bậc so với năm gốc 2022 (37/63 ≈ 20/34), không đạt mục tiêu (hạng 21), còn cách 1 bậc.'
		);
	});

	it('met exactly: rank equal to the target (gap 0)', () => {
		const input: FindingsInput = {
			...parIndex,
			totals: [fact(2022, 55), fact(2023, 50)],
			plan: { baselineYear: 2022, years: [planYear(2022, { rank: 55, status: 'baseline' }), planYear(2023, { rank: 50, targetRank: 50, gap: 0, status: 'met' })] }
		};
		expect(indexFindings('vi', input)[0]).toBe('Năm 2023, Chỉ số CCHC của tỉnh Kon Tum xếp thứ 50/63, tăng 5 bậc so với năm 2022, đạt đúng mục tiêu (hạng 50).');
	});

	it('missed: PCI 56th in 2020, 61st in 2021 against a target of 56 − 10 = 46: down 5, 15 places short', () => {
		const input: FindingsInput = {
			...parIndex,
			indexId: 'PCI',
			index: 'PCI',
			year: 2021,
			totals: [fact(2020, 56), fact(2021, 61)],
			plan: { baselineYear: 2020, years: [planYear(2020, { rank: 56, status: 'baseline' }), planYear(2021, { rank: 61, targetRank: 46, gap: 15, status: 'missed' })] }
		};
		expect(indexFindings('vi', input)[0]).toBe('Năm 2021, PCI của tỉnh Kon Tum xếp thứ 61/63, giảm 5 bậc so với năm 2020, không đạt mục tiêu (hạng 46), còn cách 15 bậc.');
		expect(indexFindings('en', { ...input, unit: 'Kon Tum' })[0]).toBe(
			'In 2021, the PCI of Kon Tum ranked 61/63, down 5 places on 2020, missing its target (rank 46) by 15 places.'
		);
	});

	it('a later year says the change on the year before and on the baseline: 50 → 44 → 40 is up 4 and up 10', () => {
		const input: FindingsInput = {
			...parIndex,
			year: 2024,
			totals: [fact(2022, 50), fact(2023, 44), fact(2024, 40)],
			plan: {
				baselineYear: 2022,
				years: [
					planYear(2022, { rank: 50, status: 'baseline' }),
					planYear(2023, { rank: 44, targetRank: 45, gap: -1, status: 'met' }),
					planYear(2024, { rank: 40, targetRank: 43, gap: -3, status: 'met' })
				]
			}
		};
		expect(indexFindings('vi', input)[0]).toBe(
			'Năm 2024, Chỉ số CCHC của tỉnh Kon Tum xếp thứ 40/63, tăng 4 bậc so với năm 2023, tăng 10 bậc so với năm gốc 2022, vượt mục tiêu (hạng 43) 3 bậc.'
		);
	});

	it('first place held: 1st after 1st (and since the baseline) meets the target of max(1, 1 − 1) = 1', () => {
		const input: FindingsInput = {
			...parIndex,
			unit: 'tỉnh Quảng Ninh',
			year: 2024,
			totals: [fact(2023, 1), fact(2024, 1)],
			plan: { baselineYear: 2022, years: [planYear(2022, { rank: 1, status: 'baseline' }), planYear(2024, { rank: 1, targetRank: 1, gap: 0, status: 'met' })] }
		};
		expect(indexFindings('vi', input)[0]).toBe(
			'Năm 2024, Chỉ số CCHC của tỉnh Quảng Ninh xếp thứ 1/63, giữ vững vị trí dẫn đầu như năm 2023, đạt đúng mục tiêu (hạng 1).'
		);
	});

	it('pending: no 2024 rank yet; says the latest rank and the 2024 target', () => {
		const sentences = indexFindings('vi', { ...parIndex, year: 2024 });
		expect(sentences.slice(0, 3)).toEqual([
			'Năm 2024 chưa có thứ hạng Chỉ số CCHC của tỉnh Kon Tum.',
			'Thứ hạng gần nhất: 43/63 năm 2023.',
			'Mục tiêu năm 2024 là hạng 42.'
		]);
	});

	it('no baseline: without a 2022 rank no target can be set', () => {
		const input: FindingsInput = {
			...parIndex,
			indexId: 'PAPI',
			index: 'PAPI',
			totals: [fact(2020, 49)],
			plan: { baselineYear: 2022, years: [planYear(2022, { status: 'baseline' }), planYear(2023, { status: 'no_baseline' })] }
		};
		expect(indexFindings('vi', input)).toEqual([
			'Năm 2023 chưa có thứ hạng PAPI của tỉnh Kon Tum.',
			'Thứ hạng gần nhất: 49/63 năm 2020.',
			'Chưa có thứ hạng năm gốc 2022 nên chưa xác định được mục tiêu năm 2023.'
		]);
	});

	it('the baseline year itself announces next year’s target', () => {
		const sentences = indexFindings('vi', { ...parIndex, year: 2022 });
		expect(sentences[1]).toBe('Năm 2022 là năm gốc của kế hoạch; mục tiêu năm 2023 là hạng 50.');
	});

	it('not comparable: after the merger the successor is 12th of 34, judged but flagged with the reason', () => {
		const input: FindingsInput = {
			...parIndex,
			year: 2025,
			totals: [fact(2022, 55), fact(2023, 43), fact(2025, 12, 34)],
			plan: {
				baselineYear: 2022,
				years: [
					planYear(2022, { rank: 55, status: 'baseline' }),
					planYear(2025, { rank: 12, n: 34, targetRank: 41, gap: -29, status: 'met', comparable: false, reason: 'lineage_changed' })
				]
			}
		};
		const sentences = indexFindings('vi', input);
		// No 2024 rank: no change on the year before; 55 − 12 = 43 places on the baseline, 41 − 12 = 29 better than the target.
		expect(sentences[0]).toBe('Năm 2025, Chỉ số CCHC của tỉnh Kon Tum xếp thứ 12/34, tăng 43 bậc so với năm gốc 2022, vượt mục tiêu (hạng 41) 29 bậc.');
		expect(sentences[1]).toBe('Thứ hạng năm 2025 không so sánh trực tiếp được với năm gốc 2022: đơn vị đã sáp nhập hoặc đổi ranh giới.');
	});

	it('a rank computed from scores says so', () => {
		const input: FindingsInput = { ...parIndex, plan: null, totals: [{ ...fact(2023, 53), rankSource: 'computed' }] };
		expect(indexFindings('vi', input)[0]).toBe('Năm 2023, Chỉ số CCHC của tỉnh Kon Tum xếp thứ 53/63 (tính từ điểm).');
	});
});

describe('indexFindings: score and points needed', () => {
	it('writes the score with the year before’s, in vi-VN decimals', () => {
		expect(indexFindings('vi', parIndex)[1]).toBe('Điểm năm 2023: 86,14/100 (năm 2022: 81,35).');
		expect(indexFindings('en', parIndex)[1]).toBe('Score 2023: 86.14/100 (2022: 81.35).');
	});

	it('says how many points the missed target took', () => {
		const input: FindingsInput = { ...parIndex, needed: { year: 2023, targetRank: 16, score: 64.5, scoreAtTarget: 65, points: 0.5 } };
		expect(indexFindings('vi', input)[2]).toBe('Để đạt hạng mục tiêu 16 năm 2023 cần 65 điểm, tức thêm 0,5 điểm.');
	});

	it('for a met target, the score the target took beside the unit’s own', () => {
		const input: FindingsInput = { ...parIndex, needed: { year: 2023, targetRank: 50, score: 86.14, scoreAtTarget: 84.2, points: 0 } };
		expect(indexFindings('vi', input)[2]).toBe('Mức điểm cần cho hạng 50 năm 2023 là 84,2; tỉnh Kon Tum đạt 86,14.');
	});
});

describe('indexFindings: components', () => {
	const component = (name: string, rank: number, changePrevious: number | null, changeBaseline: number | null = null) => ({
		name, rank, n: 63, changePrevious, changeBaseline
	});

	it('names the two components that fell most and the one that rose most since the year before', () => {
		const input: FindingsInput = {
			...parIndex,
			components: [
				component('Cải cách thủ tục hành chính', 50, -10),
				component('Cải cách tài chính công', 40, -3),
				component('Xây dựng chính quyền số', 30, -1),
				component('Cải cách thể chế', 20, 8)
			]
		};
		const sentences = indexFindings('vi', input);
		expect(sentences.at(-2)).toBe(
			'Hai lĩnh vực giảm hạng nhiều nhất so với năm 2022: Cải cách thủ tục hành chính (giảm 10 bậc, hạng 50/63) và Cải cách tài chính công (giảm 3 bậc, hạng 40/63).'
		);
		expect(sentences.at(-1)).toBe('Lĩnh vực tăng hạng nhiều nhất so với năm 2022: Cải cách thể chế (tăng 8 bậc, hạng 20/63).');
	});

	it('one component fell: the singular sentence; in English too', () => {
		const input: FindingsInput = { ...parIndex, indexId: 'PCI', components: [component('Tính minh bạch', 30, -2), component('Đào tạo lao động', 20, 0)] };
		expect(indexFindings('vi', input).at(-1)).toBe('Chỉ số thành phần giảm hạng nhiều nhất so với năm 2022: Tính minh bạch (giảm 2 bậc, hạng 30/63).');
		expect(indexFindings('en', input).at(-1)).toBe('The sub-index that fell most since 2022: Tính minh bạch (down 2 places, rank 30/63).');
	});

	it('none fell', () => {
		const input: FindingsInput = { ...parIndex, indexId: 'PAPI', components: [component('Tham gia của người dân', 30, 0)] };
		expect(indexFindings('vi', input).at(-1)).toBe('Không nội dung nào giảm hạng so với năm 2022.');
	});

	it('says how few could be compared when most components have no rank in the year before', () => {
		const input: FindingsInput = {
			...parIndex,
			components: [component('Cải cách thủ tục hành chính', 34, 15), component('Cải cách thể chế', 22, null), component('Chỉ số SIPAS', 40, null)]
		};
		expect(indexFindings('vi', input).slice(-3)).toEqual([
			'Chỉ 1/3 lĩnh vực có thứ hạng cả hai năm để so sánh.',
			'Không lĩnh vực nào giảm hạng so với năm 2022.',
			'Lĩnh vực tăng hạng nhiều nhất so với năm 2022: Cải cách thủ tục hành chính (tăng 15 bậc, hạng 34/63).'
		]);
	});

	it('without figures for the year before, compares with the baseline', () => {
		const input: FindingsInput = { ...parIndex, year: 2024, totals: [fact(2024, 40)], components: [component('Cải cách thể chế', 20, null, -4)] };
		expect(indexFindings('vi', input).at(-1)).toBe('Lĩnh vực giảm hạng nhiều nhất so với năm gốc 2022: Cải cách thể chế (giảm 4 bậc, hạng 20/63).');
	});

	it('says when the year has a total but no component figures', () => {
		expect(indexFindings('vi', parIndex).at(-1)).toBe('Chưa có số liệu lĩnh vực năm 2023.');
	});
});

import { describe, expect, it } from 'vitest';
import { boundText, changeText, cohortBreakNotes, formatPoints, methodNotes, planText, sourceLine, targetText, unitLabel } from '../../../../src/lib/ui/captions.ts';

describe('sourceLine', () => {
	it('names the publishers once and every import batch with its file', () => {
		expect(sourceLine('vi', ['VCCI', 'VCCI'], [{ id: 2, fileName: 'full-tables-2015-2019.csv' }, { id: 3, fileName: 'pages-2012-2024.csv' }])).toBe(
			'Nguồn: VCCI; lô nhập số 2 (full-tables-2015-2019.csv), số 3 (pages-2012-2024.csv)'
		);
		expect(sourceLine('en', ['UNDP and CECODES'], [{ id: 1, fileName: 'a.csv' }])).toBe('Source: UNDP and CECODES; import batch no. 1 (a.csv)');
	});
});

describe('planText', () => {
	it('describes the directive’s rise plan and the absolute kind', () => {
		expect(planText('vi', { kind: 'rise', baselineYear: 2022, firstStep: 5, horizon: 2030, id: 'kontum-2023-2030' })).toBe(
			'tăng 5 bậc so với 2022, sau đó mỗi năm cao hơn năm trước, đến 2030'
		);
		expect(planText('en', { kind: 'absolute', targetRank: 30, horizon: 2025, id: 'x' })).toBe('rank 30 or better by 2025');
	});
	it('says when the default rule stands in for a missing plan', () => {
		expect(planText('en', { kind: 'rise', baselineYear: 2022, firstStep: 5, horizon: 2030, id: null })).toContain('the directive’s default rule');
	});
});

describe('changeText', () => {
	it('puts an arrow before the words: rising is previous rank minus current rank > 0', () => {
		expect(changeText('vi', 12)).toBe('▲ tăng 12 bậc');
		expect(changeText('vi', -5)).toBe('▼ giảm 5 bậc');
		expect(changeText('en', 0)).toBe('= unchanged');
		expect(changeText('en', null)).toBe('nothing to compare with');
	});
});

describe('formatPoints', () => {
	it('writes at least two decimals in the vi-VN format and never drops a decimal the figure has', () => {
		expect(formatPoints('vi', 2.39)).toBe('+2,39');
		expect(formatPoints('vi', 2.3945)).toBe('+2,3945');
		expect(formatPoints('en', 1)).toBe('+1.00');
	});
});

describe('methodNotes', () => {
	const papi = { id: 'PAPI', short: 'PAPI', publishesRanks: false };
	it('notes PAPI’s 6 → 8 dimensions only when the years span 2017 and 2018', () => {
		const across = methodNotes('en', papi, [{ year: 2017, n: 63 }, { year: 2018, n: 63 }]);
		expect(across[0]).toMatch(/^PAPI had 6 dimensions/);
		expect(methodNotes('en', papi, [{ year: 2018, n: 63 }, { year: 2019, n: 63 }]).some((n) => n.startsWith('PAPI had'))).toBe(false);
	});
	it('notes a change of N with the values, largest first', () => {
		const notes = methodNotes('vi', { id: 'PCI', short: 'PCI', publishesRanks: true }, [{ year: 2024, n: 63 }, { year: 2025, n: 34 }]);
		expect(notes).toEqual(['Số đơn vị xếp hạng thay đổi qua các năm (N = 63, N = 34); so sánh thứ hạng giữa các năm có N khác nhau cần thận trọng.']);
	});
	it('notes ranks computed from scores for an index that publishes none', () => {
		expect(methodNotes('en', papi, [{ year: 2019, n: 63 }])).toEqual([
			'PAPI ranks are computed from scores (standard competition ranking 1, 2, 2, 4): the publisher ranks no one.'
		]);
	});
});

describe('boundText and targetText', () => {
	const bound = (b: Partial<Parameters<typeof boundText>[1]>) => ({ rankMin: null, rankMax: null, scoreMin: null, scoreMax: null, group: null, ...b });

	it('reads a rank bound in words, never as one rank', () => {
		expect(boundText('vi', bound({ rankMin: 31, rankMax: 63, group: 'outside the published top 30' }), 63)).toBe('ngoài top 30 (hạng 31–63)');
		expect(boundText('en', bound({ rankMin: 31, rankMax: null }), 63)).toBe('outside the top 30 (rank 31–63)');
		expect(boundText('vi', bound({ rankMin: 59, rankMax: 63 }), 63)).toBe('trong 5 hạng cuối (hạng 59–63)');
		expect(boundText('vi', bound({ rankMin: 1, rankMax: 30 }), 63)).toBe('trong top 30');
		expect(boundText('vi', bound({ rankMin: 10, rankMax: 20 }), 63)).toBe('hạng 10–20');
	});

	it('reads a score bound with the locale’s decimals, and a group alone as the statement’s words', () => {
		expect(boundText('vi', bound({ scoreMin: 39.67 }), null)).toBe('điểm từ 39,67 trở lên');
		expect(boundText('en', bound({ scoreMax: 50 }), null)).toBe('score 50 or less');
		expect(boundText('vi', bound({ group: 'lowest-score group' }), null)).toBe('nhóm: lowest-score group');
	});

	it('writes a target range as "30–31/63", a single target as "32/63", among the target year’s N', () => {
		expect(targetText({ targetRank: null, targetRankMin: 30, targetRankMax: 31, targetN: 63 })).toBe('30–31/63');
		expect(targetText({ targetRank: 32, targetRankMin: null, targetRankMax: null, targetN: 63 })).toBe('32/63');
		expect(targetText({ targetRank: 15, targetRankMin: null, targetRankMax: null, targetN: 34 })).toBe('15/34');
		expect(targetText({ targetRank: null, targetRankMin: null, targetRankMax: null, targetN: 34 })).toBe('—');
	});
});

describe('unitLabel and cohortBreakNotes (issue 12)', () => {
	it('tells two units of one name apart by their years, and leaves a unique name alone', () => {
		expect(unitLabel('vi', { name: 'Bắc Ninh', namesake: { validFrom: null, validTo: '2025-06-30' } })).toBe('Bắc Ninh (đến 2025)');
		expect(unitLabel('vi', { name: 'Bắc Ninh', namesake: { validFrom: '2025-07-01', validTo: null } })).toBe('Bắc Ninh (từ 7/2025)');
		expect(unitLabel('en', { name: 'Bắc Ninh', namesake: { validFrom: '2025-07-01', validTo: null } })).toBe('Bắc Ninh (from 7/2025)');
		expect(unitLabel('vi', { name: 'Kon Tum' })).toBe('Kon Tum');
	});
	it('explains the trajectory’s break only where N changes, naming the year and both N', () => {
		const point = (year: number, n: number | null, targetN: number | null = n) => ({ year, n, targetN });
		expect(cohortBreakNotes('en', [point(2022, 63), point(2023, 63)])).toEqual([]);
		const [note] = cohortBreakNotes('en', [point(2022, 63), point(2024, 63), point(2025, null, 34), point(2026, null, 34)]);
		expect(note).toMatch(/^The number of units ranked changes in 2025 .*left axis gives places among 63, the right axis among 34/);
	});
});

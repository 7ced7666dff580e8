import { describe, expect, it } from 'vitest';
import {
	evaluatePlan,
	percentile,
	rankChange,
	scoreNeededForRank,
	type PlanRule,
	type RankPoint
} from '../../../../src/lib/domain/plan.ts';

const directive: PlanRule = { kind: 'rise', baselineYear: 2022, firstStep: 5, yearlyStep: 1, horizon: 2030 };
const point = (year: number, rank: number | null, n: number | null = 63): RankPoint => ({
	year, rank, n, score: null, rankSource: rank === null ? null : 'published'
});
const sameUnit = () => '62';
const byYear = (years: ReturnType<typeof evaluatePlan>) => new Map(years.map((y) => [y.year, y]));

describe('evaluatePlan: the directive (rise 5 places over 2022, then higher every year to 2030)', () => {
	it('gives one entry per year from the baseline to the horizon, the baseline marked as such', () => {
		const years = evaluatePlan(directive, [point(2022, 55)], sameUnit);
		expect(years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
		expect(years[0]).toMatchObject({ status: 'baseline', targetRank: null, gap: null, rank: 55 });
	});

	it('Kon Tum PAR INDEX: 55th in 2022 → target 50 in 2023; 43rd is met by 7 places; 2024 target 42', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 55), point(2023, 43)], sameUnit));
		expect(y.get(2023)).toMatchObject({ rank: 43, targetRank: 50, gap: -7, status: 'met', comparable: true, reason: null });
		expect(y.get(2024)).toMatchObject({ rank: null, targetRank: 42, gap: null, status: 'pending' });
		// Through missing years the path goes on one place a year from the last target.
		expect(y.get(2030)!.targetRank).toBe(36);
	});

	it('a year without data continues the path from its target', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 30), point(2023, 24), point(2025, 21), point(2026, 22)], sameUnit));
		expect(y.get(2023)).toMatchObject({ targetRank: 25, status: 'met', gap: -1 });
		expect(y.get(2024)).toMatchObject({ targetRank: 23, status: 'pending' });
		// 2025 builds on 2024's target (23) since 2024 has no rank: 22.
		expect(y.get(2025)).toMatchObject({ targetRank: 22, status: 'met', gap: -1 });
		// 2026 builds on 2025's actual rank (21): 20; 22nd misses by 2.
		expect(y.get(2026)).toMatchObject({ targetRank: 20, status: 'missed', gap: 2 });
	});

	it('a later year is missed when the unit does not rise above the year before', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 40), point(2023, 30), point(2024, 30)], sameUnit));
		expect(y.get(2024)).toMatchObject({ targetRank: 29, status: 'missed', gap: 1 });
	});

	it('holding first place counts as met', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 3), point(2023, 1), point(2024, 1)], sameUnit));
		expect(y.get(2023)).toMatchObject({ targetRank: 1, status: 'met', gap: 0 });
		expect(y.get(2024)).toMatchObject({ targetRank: 1, status: 'met', gap: 0 });
	});

	it('when the baseline rank is within S of the top, the first target is first place', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 5), point(2023, 2)], sameUnit));
		expect(y.get(2023)).toMatchObject({ targetRank: 1, status: 'missed', gap: 1 });
	});

	it('without a baseline rank every later year is no_baseline with no target', () => {
		const years = evaluatePlan(directive, [point(2023, 20)], sameUnit);
		expect(years[0]).toMatchObject({ status: 'baseline', rank: null });
		expect(years.slice(1).every((y) => y.status === 'no_baseline' && y.targetRank === null && y.gap === null)).toBe(true);
		expect(years[1].rank).toBe(20);
	});

	it('a year with a different N is judged but marked not comparable', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 40), point(2023, 30), point(2024, 29), point(2025, 20, 34)], sameUnit));
		expect(y.get(2024)).toMatchObject({ comparable: true, reason: null });
		expect(y.get(2025)).toMatchObject({ targetRank: 28, status: 'met', comparable: false, reason: 'n_changed' });
		expect(y.get(2025)!.percentile).toBe(0.5758);
	});

	it('after a merger the successor’s rank is judged, marked lineage_changed, also while pending', () => {
		const unitInYear = (year: number) => (year <= 2024 ? '62' : '2025-quang-ngai');
		const y = byYear(evaluatePlan(directive, [point(2022, 55), point(2023, 43), point(2025, 12, 34)], unitInYear));
		expect(y.get(2024)).toMatchObject({ comparable: true, status: 'pending', targetRank: 42 });
		expect(y.get(2025)).toMatchObject({ rank: 12, targetRank: 41, status: 'met', comparable: false, reason: 'lineage_changed' });
		expect(y.get(2026)).toMatchObject({ status: 'pending', comparable: false, reason: 'lineage_changed' });
	});

	it('the province’s 2021 plan (+10 over 2020): PCI 56th → 61st is missed by 15 places', () => {
		const plan: PlanRule = { kind: 'rise', baselineYear: 2020, firstStep: 10, yearlyStep: 1, horizon: 2021 };
		const years = evaluatePlan(plan, [point(2020, 56), point(2021, 61)], sameUnit);
		expect(years[1]).toMatchObject({ year: 2021, targetRank: 46, gap: 15, status: 'missed' });
	});
});

describe('evaluatePlan: absolute plans (rank ≤ R by year H)', () => {
	it('judges every year from the baseline against R', () => {
		const plan: PlanRule = { kind: 'absolute', baselineYear: 2022, targetRank: 30, horizon: 2025 };
		const years = evaluatePlan(plan, [point(2022, 37), point(2023, 33), point(2024, 30)], sameUnit);
		expect(years.map((y) => [y.year, y.targetRank, y.status, y.gap])).toEqual([
			[2022, null, 'baseline', null],
			[2023, 30, 'missed', 3],
			[2024, 30, 'met', 0],
			[2025, 30, 'pending', null]
		]);
	});
});

describe('percentile and rankChange', () => {
	it('percentile is (rank − 1) / (n − 1) to 4 decimals', () => {
		expect(percentile(37, 63)).toBe(0.5806);
		expect(percentile(1, 63)).toBe(0);
		expect(percentile(63, 63)).toBe(1);
		expect(percentile(1, 1)).toBeNull();
		expect(percentile(null, 63)).toBeNull();
	});
	it('rank change is previous − current: positive means the unit rose', () => {
		expect(rankChange(55, 43)).toBe(12);
		expect(rankChange(56, 61)).toBe(-5);
		expect(rankChange(null, 3)).toBeNull();
	});
});

describe('scoreNeededForRank', () => {
	const others = [60, 70, 68, 65, 68];
	it('is the target-th best score of the others (a tie shares the better rank)', () => {
		expect(scoreNeededForRank(1, others)).toBe(70);
		expect(scoreNeededForRank(2, others)).toBe(68);
		expect(scoreNeededForRank(3, others)).toBe(68);
		expect(scoreNeededForRank(5, others)).toBe(60);
	});
	it('cannot say when fewer others have a score than the target rank', () => {
		expect(scoreNeededForRank(6, others)).toBeNull();
	});
});

describe('evaluatePlan: years known only by a rank interval (a bound)', () => {
	const bound = (year: number, rankMin: number, rankMax: number | null, n = 63): RankPoint => ({
		year, rank: null, n, score: null, rankSource: null, rankMin, rankMax
	});

	it('a target of 32 with a rank in 31–63 is undetermined, with the interval in the result', () => {
		// Baseline 37 (Kon Tum PCI 2022): 2023 target 37 − 5 = 32; 31 would meet it, 63 would not.
		const y = byYear(evaluatePlan(directive, [point(2022, 37), bound(2023, 31, 63)], sameUnit));
		expect(y.get(2023)).toMatchObject({ rank: null, rankMin: 31, rankMax: 63, targetRank: 32, gap: null, status: 'undetermined' });
	});

	it('a target of 30 with a rank in 31–63 is missed: even the best possible rank misses it', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 35), bound(2023, 31, 63)], sameUnit));
		expect(y.get(2023)).toMatchObject({ targetRank: 30, status: 'missed', rankMin: 31, rankMax: 63 });
	});

	it('a target of 40 with a rank in 1–30 is met: even the worst possible rank meets it', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 45), bound(2023, 1, 30)], sameUnit));
		expect(y.get(2023)).toMatchObject({ targetRank: 40, status: 'met' });
	});

	it('an open upper end is read as last place (N)', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 37), bound(2023, 31, null)], sameUnit));
		expect(y.get(2023)).toMatchObject({ rankMin: 31, rankMax: 63, status: 'undetermined' });
	});

	it('after an undetermined year the next target is a range, best case 31 − 1 = 30, worst case its own target 32 − 1 = 31', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 37), bound(2023, 31, 63)], sameUnit));
		expect(y.get(2024)).toMatchObject({ targetRank: null, targetRankMin: 30, targetRankMax: 31, status: 'pending' });
		// Through a year without data the range goes on one place a year: 29–30.
		expect(y.get(2025)).toMatchObject({ targetRank: null, targetRankMin: 29, targetRankMax: 30 });
	});

	it('a rank against a target range: met at or above its hardest end, missed below its easiest, undetermined between', () => {
		const judged = (rank: number) => byYear(evaluatePlan(directive, [point(2022, 37), bound(2023, 31, 63), point(2024, rank)], sameUnit)).get(2024);
		expect(judged(30)).toMatchObject({ status: 'met', targetRankMin: 30, targetRankMax: 31 });
		expect(judged(31)).toMatchObject({ status: 'undetermined' });
		expect(judged(32)).toMatchObject({ status: 'missed' });
		// A figure settles the path: 2025's target is one place above 2024's rank 31.
		const y = byYear(evaluatePlan(directive, [point(2022, 37), bound(2023, 31, 63), point(2024, 31)], sameUnit));
		expect(y.get(2025)).toMatchObject({ targetRank: 30, targetRankMin: null, targetRankMax: null });
	});

	it('a figure year keeps rankMin and rankMax null; an absolute plan judges an interval against R', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 37), point(2023, 31)], sameUnit));
		expect(y.get(2023)).toMatchObject({ rankMin: null, rankMax: null, status: 'met' });
		const top30: PlanRule = { kind: 'absolute', baselineYear: 2022, targetRank: 30, horizon: 2025 };
		const a = byYear(evaluatePlan(top30, [point(2022, 37), bound(2023, 31, 63)], sameUnit));
		expect(a.get(2023)).toMatchObject({ targetRank: 30, status: 'missed' });
		expect(a.get(2024)).toMatchObject({ targetRank: 30, targetRankMin: null });
	});
});

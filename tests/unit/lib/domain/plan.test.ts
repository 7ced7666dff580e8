import { describe, expect, it } from 'vitest';
import {
	equivalentRank,
	evaluatePlan,
	percentile,
	rankChangeAcross,
	targetAcrossCohortChange,
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

	it('a year with a different N is judged on the equivalent target and marked not comparable', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 40), point(2023, 30), point(2024, 29), point(2025, 20, 34)], sameUnit));
		expect(y.get(2024)).toMatchObject({ comparable: true, reason: null });
		// t′ = 29 − 1 = 28 among 63 → floor(1 + 27·33/62) = floor(15.37) = 15 among 34; 20th misses by 5.
		expect(y.get(2025)).toMatchObject({ targetRank: 15, targetN: 34, gap: 5, status: 'missed', comparable: false, reason: 'n_changed' });
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

describe('evaluatePlan: a change of cohort size (issue 12)', () => {
	// The unit table's N: 63 provinces to 2024, 34 from 2025 (units existing on 31 December).
	const units = (year: number) => (year <= 2024 ? 63 : 34);

	it('first step across a change: 30/63 in 2024, +5 → t′ = 25 among 63 → floor(1 + 24·33/62) = floor(13.77) = 13 among 34', () => {
		const plan: PlanRule = { kind: 'rise', baselineYear: 2024, firstStep: 5, yearlyStep: 1, horizon: 2026 };
		const y = byYear(evaluatePlan(plan, [point(2024, 30), point(2025, 13, 34), point(2026, 13, 34)], sameUnit, units));
		expect(y.get(2025)).toMatchObject({ targetRank: 13, targetN: 34, gap: 0, status: 'met', comparable: false, reason: 'n_changed' });
		// Later years continue in the new cohort's places: 13 − 1 = 12; 13th misses by 1.
		expect(y.get(2026)).toMatchObject({ targetRank: 12, targetN: 34, gap: 1, status: 'missed', change: 0, previousEquivalent: null });
	});

	it('yearly step across a change: 40/63 in 2024 → t′ = 39 → floor(1 + 38·33/62) = floor(21.23) = 21; 22/34 misses by 1', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 45), point(2023, 41), point(2024, 40), point(2025, 22, 34)], sameUnit, units));
		expect(y.get(2025)).toMatchObject({ rank: 22, n: 34, targetRank: 21, gap: 1, status: 'missed' });
		// 40/63 ≈ floor(1 + 39·33/62) = floor(21.76) = 21/34: from 21 to 22 is a fall of one place, not a climb of 18.
		expect(y.get(2025)).toMatchObject({ previousRank: 40, previousN: 63, previousEquivalent: 21, change: -1 });
		expect(y.get(2024)).toMatchObject({ previousEquivalent: null, change: 1 });
	});

	it('a pending year after the change takes N from the unit table: 2025 target among 34 before any 2025 table', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 55), point(2023, 43)], sameUnit, units));
		expect(y.get(2024)).toMatchObject({ targetRank: 42, targetN: 63, status: 'pending', comparable: true });
		// 2024's target 42 → t′ = 41 among 63 → floor(1 + 40·33/62) = floor(22.29) = 22 among 34.
		expect(y.get(2025)).toMatchObject({ targetRank: 22, targetN: 34, status: 'pending', comparable: false, reason: 'n_changed' });
		expect(y.get(2030)).toMatchObject({ targetRank: 17, targetN: 34 });
	});

	it('N drops from 63 to 61 and back: each year is carried from the year before', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 40), point(2023, 30, 61), point(2024, 29)], sameUnit, units));
		// t′ = 35 among 63 → floor(1 + 34·60/62) = floor(33.90) = 33 among 61; 30th is met by 3.
		expect(y.get(2023)).toMatchObject({ targetRank: 33, targetN: 61, gap: -3, status: 'met', reason: 'n_changed' });
		// t′ = 29 among 61 → floor(1 + 28·62/60) = floor(29.93) = 29 among 63; 29th is met exactly.
		expect(y.get(2024)).toMatchObject({ targetRank: 29, targetN: 63, gap: 0, status: 'met', comparable: true, reason: null });
		// 30/61 ≈ floor(1 + 29·62/60) = floor(30.97) = 30/63: a rise of one place.
		expect(y.get(2024)).toMatchObject({ previousEquivalent: 30, change: 1 });
	});

	it('floor, not round, at the boundary: t′ = 29 among 63 is 15.90 among 34 → 15; 16th misses by 1', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 35), point(2023, 31), point(2024, 30), point(2025, 16, 34)], sameUnit, units));
		expect(y.get(2025)).toMatchObject({ targetRank: 15, gap: 1, status: 'missed' });
		const met = byYear(evaluatePlan(directive, [point(2022, 35), point(2023, 31), point(2024, 30), point(2025, 15, 34)], sameUnit, units));
		expect(met.get(2025)).toMatchObject({ targetRank: 15, gap: 0, status: 'met' });
	});

	it('rank 1 stays 1: first among 63 then first among 34 is met, with no change', () => {
		const y = byYear(evaluatePlan(directive, [point(2022, 2), point(2023, 1), point(2024, 1), point(2025, 1, 34)], sameUnit, units));
		expect(y.get(2025)).toMatchObject({ targetRank: 1, gap: 0, status: 'met', previousEquivalent: 1, change: 0 });
	});

	it('an absolute plan’s R is a rank among its baseline year’s cohort: top 30 of 63 → 16 of 34, and 30 again when N returns', () => {
		const plan: PlanRule = { kind: 'absolute', baselineYear: 2022, targetRank: 30, horizon: 2026 };
		const sizes = (year: number) => (year === 2023 ? 61 : units(year));
		const y = byYear(evaluatePlan(plan, [point(2022, 37), point(2023, 30, 61), point(2024, 30), point(2025, 17, 34)], sameUnit, sizes));
		// Among 61: floor(1 + 29·60/62) = floor(29.06) = 29; 30th misses by 1.
		expect(y.get(2023)).toMatchObject({ targetRank: 29, gap: 1, status: 'missed' });
		expect(y.get(2024)).toMatchObject({ targetRank: 30, gap: 0, status: 'met' });
		// Among 34: floor(1 + 29·33/62) = floor(16.44) = 16; 17th misses by 1, and pending 2026 stays 16.
		expect(y.get(2025)).toMatchObject({ targetRank: 16, gap: 1, status: 'missed', reason: 'n_changed' });
		expect(y.get(2026)).toMatchObject({ targetRank: 16, targetN: 34, status: 'pending' });
	});
});

describe('equivalentRank, targetAcrossCohortChange and rankChangeAcross', () => {
	it('carries a rank to another N by floor(1 + (r − 1)(N − 1)/(N′ − 1))', () => {
		expect(equivalentRank(45, 63, 34)).toBe(24); // 1 + 44·33/62 = 24.42
		expect(equivalentRank(63, 63, 34)).toBe(34);
		expect(equivalentRank(1, 63, 34)).toBe(1);
		expect(equivalentRank(24, 34, 34)).toBe(24);
		expect(equivalentRank(24, 34, 63)).toBe(44); // 1 + 23·62/33 = 44.21
	});
	it('leaves a target alone when an N is unknown', () => {
		expect(targetAcrossCohortChange(29, null, 34)).toBe(29);
		expect(targetAcrossCohortChange(29, 63, 34)).toBe(15);
	});
	it('a change across N compares with the equivalent: 45/63 → 24/34 is no change', () => {
		expect(rankChangeAcross({ rank: 45, n: 63 }, { rank: 24, n: 34 })).toEqual({ equivalent: 24, change: 0 });
		expect(rankChangeAcross({ rank: 45, n: 63 }, { rank: 40, n: 63 })).toEqual({ equivalent: null, change: 5 });
		expect(rankChangeAcross(null, { rank: 40, n: 63 })).toEqual({ equivalent: null, change: null });
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

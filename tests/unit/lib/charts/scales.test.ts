import { describe, expect, it } from 'vitest';
import { dodgeRows, fitLabel, flowLayout, innerBox, paddedDomain, rankScale, rankTicks, worstRank, spreadLabels, yearScale, yearSpan, yearTicks } from '../../../../src/lib/charts/scales.ts';

describe('worstRank', () => {
	it('is the largest rank or cohort size given, missing ones left out', () => {
		// A rank 45/63 and a target of 40 with no N: the axis runs to 63.
		expect(worstRank([63, 45, null, 40, undefined])).toBe(63);
	});
	it('is at least 2, so that an axis of one unit or no rank still has two ends', () => {
		expect(worstRank([1, null])).toBe(2);
		expect(worstRank([])).toBe(2);
	});
});

describe('rankScale', () => {
	it('puts rank 1 at the top and the last place at the bottom', () => {
		const y = rankScale(63, 10, 320);
		expect(y(1)).toBe(10);
		expect(y(63)).toBe(320);
		// Rank 32 is half-way in places: 10 + (31 / 62) × 310 = 165.
		expect(y(32)).toBe(165);
	});
});

describe('rankTicks', () => {
	it('always shows first and last place, round ranks between, none crowding the ends', () => {
		expect(rankTicks(63)).toEqual([1, 10, 20, 30, 40, 50, 63]);
		expect(rankTicks(34)).toEqual([1, 5, 10, 15, 20, 25, 30, 34]);
		expect(rankTicks(1)).toEqual([1]);
	});
});

describe('yearScale and yearTicks', () => {
	it('spaces years evenly with half a year of air at the ends', () => {
		const x = yearScale([2024, 2022, 2023, 2022], 0, 300);
		expect(x(2022)).toBe(50);
		expect(x(2024)).toBe(250);
	});
	it('keeps a gap in the years as a gap', () => {
		// 2012–2024 is 13 years: 300 / 13 per year; 2015 and 2021 are 6 years apart.
		const x = yearScale([2012, 2015, 2021, 2024], 0, 300);
		expect(x(2021) - x(2015)).toBeCloseTo((6 * 300) / 13, 10);
		expect(yearSpan([2015, 2012, 2014])).toEqual([2012, 2013, 2014, 2015]);
		expect(yearSpan([])).toEqual([]);
	});
	it('labels every second year when ten labels do not fit, keeping the last year', () => {
		const years = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
		expect(yearTicks(years, 200)).toEqual([2016, 2018, 2020, 2022, 2024]);
		expect(yearTicks(years, 800)).toEqual(years);
	});
});

describe('paddedDomain', () => {
	it('adds 8 % of the spread on each side and ignores missing values', () => {
		const [low, high] = paddedDomain([10, 20, null]);
		expect(low).toBeCloseTo(9.2, 10);
		expect(high).toBeCloseTo(20.8, 10);
	});
	it('gives a single value room on both sides, and no value a unit domain', () => {
		expect(paddedDomain([5])).toEqual([4, 6]);
		expect(paddedDomain([null])).toEqual([0, 1]);
	});
});

describe('innerBox', () => {
	it('takes the margins off, never collapsing below one pixel', () => {
		expect(innerBox(300, 200, { top: 10, right: 20, bottom: 30, left: 40 })).toEqual({ left: 40, top: 10, right: 280, bottom: 170 });
		expect(innerBox(30, 20, { top: 10, right: 20, bottom: 30, left: 40 })).toEqual({ left: 40, top: 10, right: 41, bottom: 11 });
	});
});

describe('dodgeRows', () => {
	it('moves a dot that would overlap to the nearest free row, alternating above and below', () => {
		// Radius 2: dots closer than 4 px collide. 0 → row 0; 1 → row 1; 2 → rows 0 and 1 taken, so −1; 20 is alone.
		expect(dodgeRows([0, 1, 2, 20], 2)).toEqual([0, 1, -1, 0]);
	});
});

describe('spreadLabels', () => {
	it('pushes labels down until each is at least the gap below the one above, in input order', () => {
		// Sorted: 100 (i=1), 104 (i=0) → 112, 150 (i=2) stays.
		expect(spreadLabels([104, 100, 150], 12)).toEqual([112, 100, 150]);
	});
});

describe('flowLayout', () => {
	it('wraps legend items to a new row when the next one would pass the width', () => {
		// 0–50, then 66–116, then 132+50 = 182 > 150 → new row.
		expect(flowLayout([50, 50, 50], 150, 20)).toEqual([
			{ x: 0, y: 0 },
			{ x: 66, y: 0 },
			{ x: 0, y: 20 }
		]);
	});
});

describe('fitLabel', () => {
	it('keeps a label that fits and shortens a longer one with an ellipsis, never below 8 characters', () => {
		// 140 px hold 20 characters: 19 of the name and the ellipsis.
		expect(fitLabel('Tính minh bạch', 140)).toBe('Tính minh bạch');
		expect(fitLabel('Tham gia của người dân ở cấp cơ sở', 140)).toBe('Tham gia của người …');
		expect(fitLabel('Tham gia của người dân ở cấp cơ sở', 10)).toBe('Tham gi…');
	});
});

/** The benchmark's statistics: medians and percentiles worked out by hand. */
import { describe, expect, it } from 'vitest';
import { formatFigure, markdownTable, median, meetsGoal, percentile, type Figure } from '../../../../scripts/bench/stats.ts';

describe('median', () => {
	it('is the middle value of an odd count, in any order', () => {
		expect(median([9, 1, 5])).toBe(5);
	});
	it('is the mean of the middle two of an even count', () => {
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});
	it('refuses nothing', () => {
		expect(() => median([])).toThrow();
	});
});

describe('percentile (nearest rank)', () => {
	const ms = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
	it('p50 of ten values is the 5th, p95 and p99 the 10th', () => {
		expect(percentile(ms, 50)).toBe(50);
		expect(percentile(ms, 95)).toBe(100);
		expect(percentile(ms, 99)).toBe(100);
	});
	it('p95 of a hundred values is the 95th', () => {
		expect(percentile(Array.from({ length: 100 }, (_, i) => 100 - i), 95)).toBe(95);
	});
});

describe('a figure against its goal', () => {
	const figure: Figure = { group: 'pdf', name: 'briefing', value: 3.5, unit: 's', runs: 3, goal: { max: 3, text: '< 3 s' } };
	it('says met or not met, and nothing without a goal', () => {
		expect(meetsGoal(figure)).toBe(false);
		expect(meetsGoal({ ...figure, value: 2.9 })).toBe(true);
		expect(meetsGoal({ ...figure, goal: undefined })).toBeNull();
	});
	it('prints one line and one table row', () => {
		expect(formatFigure(figure)).toMatch(/^pdf +briefing +3\.50 s \(median of 3\)  goal < 3 s: NOT met$/);
		expect(markdownTable([figure]).split('\n')[2]).toBe('| pdf | briefing | 3.50 s |  | < 3 s: **not met** |');
	});
});

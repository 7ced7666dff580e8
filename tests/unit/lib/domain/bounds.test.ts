import { describe, expect, it } from 'vitest';
import { boundNotation, boundOf, figureFitsBound, pointsFromScoreBound, rankIntervalOf } from '../../../../src/lib/domain/bounds.ts';

const bound = (b: Partial<Parameters<typeof figureFitsBound>[1]>) => ({ rankMin: null, rankMax: null, scoreMin: null, scoreMax: null, group: null, ...b });

describe('bounds', () => {
	it('a figure fits a bound when it lies inside both ends, which are inclusive; an open end excludes nothing', () => {
		const outsideTop30 = bound({ rankMin: 31, rankMax: 63 });
		expect(figureFitsBound({ score: null, publishedRank: 31 }, outsideTop30)).toBe(true);
		expect(figureFitsBound({ score: null, publishedRank: 30 }, outsideTop30)).toBe(false);
		expect(figureFitsBound({ score: 39.67, publishedRank: null }, bound({ scoreMin: 39.67 }))).toBe(true);
		expect(figureFitsBound({ score: 39.66, publishedRank: null }, bound({ scoreMin: 39.67 }))).toBe(false);
		// A group says nothing a figure could contradict.
		expect(figureFitsBound({ score: 20, publishedRank: 1 }, bound({ group: 'lowest-score group' }))).toBe(true);
	});

	it('writes a bound in short notation for problems and previews', () => {
		expect(boundNotation(bound({ rankMin: 31, rankMax: 63 }), 63)).toBe('#31–63/63');
		expect(boundNotation(bound({ rankMin: 31 }), 63)).toBe('#31–63/63');
		expect(boundNotation(bound({ scoreMin: 39.67, group: 'x' }), null)).toBe('≥39.67 [x]');
		expect(boundOf({ rankMin: null, group: null })).toBeNull();
	});

	it('the rank interval of a bound: an open end is 1 or N; a score bound alone gives none', () => {
		expect(rankIntervalOf(bound({ rankMin: 31 }), 63)).toEqual({ min: 31, max: 63 });
		expect(rankIntervalOf(bound({ rankMax: 5 }), 63)).toEqual({ min: 1, max: 5 });
		expect(rankIntervalOf(bound({ scoreMin: 39.67 }), 63)).toBeNull();
	});

	it('points needed from a score bound only where it decides: ≥ 66 reaches 65; ≤ 60 needs at least 65 − 60 = 5; 60–70 cannot say', () => {
		expect(pointsFromScoreBound(bound({ scoreMin: 66 }), 65)).toEqual({ points: 0, atLeast: false });
		expect(pointsFromScoreBound(bound({ scoreMax: 60 }), 65)).toEqual({ points: 5, atLeast: true });
		expect(pointsFromScoreBound(bound({ scoreMin: 60, scoreMax: 70 }), 65)).toBeNull();
		// Binary floating point would give 2.3900000000000006.
		expect(pointsFromScoreBound(bound({ scoreMax: 62.5 }), 64.89)).toEqual({ points: 2.39, atLeast: true });
	});
});

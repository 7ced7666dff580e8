import { describe, expect, it } from 'vitest';
import { pullDownFirst } from '../../../../src/lib/domain/component-order.ts';
import type { ComponentRow } from '../../../../src/lib/domain/chart-data.ts';

const row = (name: string, changePrevious: number | null, score: number | null, median: number | null): ComponentRow => ({
	componentId: name, name, score, median, maxPoints: 10, rank: null, n: 63, changePrevious, changeBaseline: null
});

describe('pullDownFirst', () => {
	it('puts the biggest rank fall first and the biggest rise last', () => {
		const sorted = pullDownFirst([row('rose 21', 21, 9.4, 8), row('fell 3', -3, 6, 6.5), row('fell 10', -10, 5, 6), row('same', 0, 7, 7)]);
		expect(sorted.map((r) => r.name)).toEqual(['fell 10', 'fell 3', 'same', 'rose 21']);
	});
	it('breaks a tie in rank change by the distance below the national median', () => {
		// Both fell 2: A is 0.5 below the median, B 1.5 below, so B pulled harder.
		const sorted = pullDownFirst([row('A', -2, 6, 6.5), row('B', -2, 5, 6.5)]);
		expect(sorted.map((r) => r.name)).toEqual(['B', 'A']);
	});
	it('keeps components with no known change after those with one, ordered by the median gap', () => {
		const sorted = pullDownFirst([row('no change, above', null, 8, 7), row('rose', 5, 8, 7), row('no change, below', null, 6, 7)]);
		expect(sorted.map((r) => r.name)).toEqual(['rose', 'no change, below', 'no change, above']);
	});
});

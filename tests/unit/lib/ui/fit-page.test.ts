import { describe, expect, it } from 'vitest';
import { chartZoom, MIN_ZOOM, PRINTABLE_HEIGHT_PX, PRINTABLE_WIDTH_PX } from '../../../../src/lib/ui/fit-page.ts';

describe('chartZoom', () => {
	it('leaves a sheet that fits alone', () => {
		expect(chartZoom(1000, 1000, 600)).toBe(1);
	});

	it('shrinks only the charts: 1200 high with 800 of charts into 1000 leaves 600 for them, a zoom of 0.75', () => {
		expect(chartZoom(1000, 1200, 800)).toBe(0.75);
	});

	it('rounds down, so the zoomed sheet is never a fraction of a pixel too tall', () => {
		// 900 of room for 1100 of charts: 0.81818… → 0.818
		expect(chartZoom(1000, 1200, 1100)).toBe(0.818);
	});

	it('never goes below the legible minimum; the sheet then runs over', () => {
		expect(chartZoom(1000, 3000, 2500)).toBe(MIN_ZOOM);
	});
});

describe('printable area', () => {
	it('is A4 less the margins: (297 − 12 − 20) mm = 1001.6 px → 1000 after rounding room; (210 − 24) mm = 702.99 px → 702', () => {
		expect(PRINTABLE_HEIGHT_PX).toBe(1000);
		expect(PRINTABLE_WIDTH_PX).toBe(702);
	});
});

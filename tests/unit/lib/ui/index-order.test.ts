import { describe, expect, it } from 'vitest';
import { inDisplayOrder, isDirectiveIndex } from '../../../../src/lib/ui/index-order.ts';

describe('inDisplayOrder', () => {
	it('puts PAR INDEX, PAPI, PCI first in that order, then the others by id', () => {
		const ids = ['SIPAS', 'PCI', 'DDCI', 'PAPI', 'PAR_INDEX'].map((id) => ({ id }));
		expect(inDisplayOrder(ids).map((i) => i.id)).toEqual(['PAR_INDEX', 'PAPI', 'PCI', 'DDCI', 'SIPAS']);
	});
	it('knows the directive’s three', () => {
		expect(isDirectiveIndex('PAPI')).toBe(true);
		expect(isDirectiveIndex('SIPAS')).toBe(false);
	});
});

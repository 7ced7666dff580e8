import { describe, expect, it } from 'vitest';
import { guessFromName } from '../../../../src/lib/ui/import-client.ts';

const indices = [
	{ id: 'PAR_INDEX', shortVi: 'Chỉ số CCHC', shortEn: 'PAR INDEX' },
	{ id: 'PAPI', shortVi: 'PAPI', shortEn: 'PAPI' },
	{ id: 'PCI', shortVi: 'PCI', shortEn: 'PCI' }
];

describe('guessFromName', () => {
	it('reads the index and year from the official file names', () => {
		expect(guessFromName('PCI 2019.xlsx', indices)).toEqual({ indexId: 'PCI', year: 2019 });
		expect(guessFromName('PAPI 2019 FULL vie.xlsx', indices)).toEqual({ indexId: 'PAPI', year: 2019 });
		expect(guessFromName('par_index-2022.csv', indices)).toEqual({ indexId: 'PAR_INDEX', year: 2022 });
	});

	it('guesses nothing it cannot see; a longer number is not a year', () => {
		expect(guessFromName('bang-tinh.xlsx', indices)).toEqual({ indexId: undefined, year: undefined });
		expect(guessFromName('PCI 120190.csv', indices)).toEqual({ indexId: 'PCI', year: undefined });
	});
});

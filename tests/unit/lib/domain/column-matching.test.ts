import { describe, expect, it } from 'vitest';
import { columnKey, isClearlyNotComponent, placeColumns } from '../../../../src/lib/domain/column-matching.ts';
import { aliases, components, indices } from '../../../helpers/catalogue.ts';

const [PCI, PAPI] = indices;
const headers = (...names: string[]) => names.map((header, i) => ({ column: i + 1, header }));
const place = (index: typeof PCI, year: number, names: string[], overrides?: Record<string, string>) =>
	placeColumns(headers(...names), { index, year, components, aliases, overrides });
const targets = (result: ReturnType<typeof place>) =>
	result.placements.map((p) => `${p.header}=${p.role === 'skip' ? 'skip' : `${p.componentId}/${p.role}`}`);

describe('columnKey', () => {
	it('ignores case, diacritics, punctuation, NFD and a year in the header', () => {
		expect(columnKey('The Weighted PCI Score in 2018')).toBe(columnKey('the weighted pci score'));
		expect(columnKey('  1: Tham gia của người dân ở cấp cơ sở ')).toBe(columnKey('1: Tham gia của người dân ở cấp cơ sở'.normalize('NFD')));
		expect(columnKey('Sub-Index 2: Land Access & Tenure')).toBe('sub index 2 land access tenure');
	});
});

describe('isClearlyNotComponent', () => {
	it('recognises statistics and sub-dimensions published beside the components', () => {
		for (const header of ['PAPI 95% CI Low', 'Unweighted Standard Error', 'Variance (Dimension 1)', 'Observations (Dimension 1)', '1.1: Tri thức công dân', 'Tier', 'Xếp loại']) {
			expect(isClearlyNotComponent(header), header).toBe(true);
		}
	});
	it('does not dismiss a header that could be a component', () => {
		for (const header of ['Sub-Index 1: Entry Costs', 'Civic Knowledge', 'Dimension 2: Transparency']) {
			expect(isClearlyNotComponent(header), header).toBe(false);
		}
	});
});

describe('placeColumns', () => {
	it('places the VCCI headers by alias, the rank as the published rank of the total', () => {
		const result = place(PCI, 2019, ['Rank', 'The Weighted PCI Score in 2019', 'Sub-Index 1: Entry Costs', 'Sub-Index 2: Land Access & Tenure']);
		expect(targets(result)).toEqual([
			'Rank=total/rank', 'The Weighted PCI Score in 2019=total/score', 'Sub-Index 1: Entry Costs=pci_s1/score', 'Sub-Index 2: Land Access & Tenure=pci_s2/score'
		]);
		expect(result).toMatchObject({ unplaced: [], deriveTotal: false });
	});

	it('places a header equal to a catalogue name (Vietnamese or English) without an alias', () => {
		expect(targets(place(PCI, 2019, ['Gia nhập thị trường', 'land access']))).toEqual(['Gia nhập thị trường=pci_s1/score', 'land access=pci_s2/score']);
	});

	it('stops on an unknown header while a component is still missing', () => {
		const result = place(PCI, 2019, ['Sub-Index 1: Entry Costs', 'Mystery column']);
		expect(result.unplaced).toEqual([{ column: 2, header: 'Mystery column' }]);
	});

	it('skips unknown headers once every component has its column, and derives the total where the index says so', () => {
		const result = place(PAPI, 2016, ['1: Tham gia của người dân ở cấp cơ sở', 'Công khai, minh bạch', 'Civic Knowledge', '1.1: Tri thức', 'Weighted PAPI Score']);
		expect(result.unplaced).toEqual([]);
		expect(result.deriveTotal).toBe(true);
		expect(result.placements.map((p) => [p.header, p.reason])).toEqual([
			['1: Tham gia của người dân ở cấp cơ sở', 'alias'],
			['Công khai, minh bạch', 'alias'],
			['Civic Knowledge', 'all_placed'],
			['1.1: Tri thức', 'not_component'],
			['Weighted PAPI Score', 'alias']
		]);
	});

	it('does not derive a total when a dimension of that year is missing (papi_d3 exists from 2018)', () => {
		const names = ['1: Tham gia của người dân ở cấp cơ sở', 'Công khai, minh bạch'];
		expect(place(PAPI, 2017, names).deriveTotal).toBe(true);
		expect(place(PAPI, 2018, names).deriveTotal).toBe(false);
	});

	it('never keeps a rank column of an index that publishes no ranks', () => {
		const result = place(PAPI, 2016, ['Rank', '1: Tham gia của người dân ở cấp cơ sở']);
		expect(result.placements[0]).toMatchObject({ header: 'Rank', role: 'skip', reason: 'no_published_ranks' });
	});

	it('lets a mapping settle a header, and refuses a mapping to a component the index lacks', () => {
		const result = place(PCI, 2019, ['Điểm tổng', 'Mystery column', 'Hạng'], { 'điểm tổng': 'total', 'Mystery column': 'skip', Hạng: 'rank', });
		expect(targets(result)).toEqual(['Điểm tổng=total/score', 'Mystery column=skip', 'Hạng=total/rank']);
		expect(place(PCI, 2019, ['X'], { X: 'papi_d1' }).badTargets).toEqual([{ header: 'X', target: 'papi_d1' }]);
	});
});

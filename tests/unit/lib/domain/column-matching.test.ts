import { describe, expect, it } from 'vitest';
import { columnKey, isClearlyNotComponent, notComponentKind, numberedHeading, placeColumns, skippedByReason, totalReading } from '../../../../src/lib/domain/column-matching.ts';
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
			['1.1: Tri thức', 'sub_component'],
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

describe('reading headers by meaning (issue #14)', () => {
	it('tells sub-components, indicators, statistics and notes apart', () => {
		const kinds = {
			'Nội dung thành phần 1.1: Tri thức công dân': 'sub_component',
			'2.3: Công khai ngân sách': 'sub_component',
			'Firms own land & possess of an LURC (%)': 'indicator',
			'Access to planning documents (1=Impossible; 5=Easy)': 'indicator',
			'Tham nhũng vặt (0-100%)': 'indicator',
			'Median number of days to wait for LURC': 'indicator',
			'PAPI 95% CI Low': 'not_component',
			'Copyrights © 2019 UNDP & CECODES': 'note',
			'Ghi chú: KCDL = không có dữ liệu': 'note',
			'Nguồn: UNDP': 'note',
			'Chỉ số nội dung 2: Công khai, minh bạch trong ra quyết định': null
		};
		for (const [header, kind] of Object.entries(kinds)) expect(notComponentKind(header), header).toBe(kind);
	});

	it('reads the number of a numbered heading in Vietnamese and English, whatever words follow', () => {
		for (const header of ['Chỉ số nội dung 3', 'Nội dung 3: Trách nhiệm', 'Sub-index 3', 'Dimension 3: Vertical Accountability', 'Lĩnh vực 3', 'Chỉ số thành phần 3: Tính minh bạch']) {
			expect(numberedHeading(header)?.number, header).toBe(3);
		}
		expect(numberedHeading('Nội dung thành phần 3.1')).toBeNull();
		expect(numberedHeading('Tham gia của người dân')).toBeNull();
	});

	it('reads a total by the index name, a year and a weighting tag', () => {
		expect(totalReading('Chỉ số PAPI 2018 (không có trọng số)', PAPI)).toBe('unweighted');
		expect(totalReading('Chỉ số PAPI 2018 (có trọng số)', PAPI)).toBe('weighted');
		expect(totalReading('Unweighted PAPI Score', PAPI)).toBe('unweighted');
		expect(totalReading('Tổng điểm PAPI', PAPI)).toBe('none');
		expect(totalReading('PAPI 95% CI Low', PAPI)).toBeNull();
		expect(totalReading('Chỉ số PCI 2019', PAPI)).toBeNull();
	});

	it('places the reworded Vietnamese headings of a full PAPI workbook: the unweighted total, the weighted one skipped', () => {
		const result = place(PAPI, 2018, [
			'Chỉ số PAPI 2018 (không có trọng số)',
			'Chỉ số PAPI 2018 (có trọng số)',
			'Chỉ số nội dung 1: Tham gia của người dân',
			'Nội dung 2: Công khai, minh bạch trong ra quyết định',
			'Dimension 3: Environment',
			'Câu hỏi lạ'
		]);
		expect(targets(result)).toEqual([
			'Chỉ số PAPI 2018 (không có trọng số)=total/score',
			'Chỉ số PAPI 2018 (có trọng số)=skip',
			'Chỉ số nội dung 1: Tham gia của người dân=papi_d1/score',
			'Nội dung 2: Công khai, minh bạch trong ra quyết định=papi_d2/score',
			'Dimension 3: Environment=papi_d3/score',
			'Câu hỏi lạ=skip'
		]);
		expect(result.placements.map((p) => p.reason)).toEqual(['total_name', 'total_name', 'numbered', 'numbered', 'numbered', 'all_placed']);
	});

	it('asks rather than guesses when the number says one component and the words another, or a weighting is unknown', () => {
		const result = place(PAPI, 2016, ['Nội dung 2: Tham gia của người dân ở cấp cơ sở', 'Chỉ số PCI (không có trọng số)']);
		expect(result.unplaced).toEqual([{ column: 1, header: 'Nội dung 2: Tham gia của người dân ở cấp cơ sở', candidates: ['papi_d2', 'papi_d1'] }, { column: 2, header: 'Chỉ số PCI (không có trọng số)' }]);
		expect(place(PCI, 2019, ['Chỉ số PCI 2019 (không có trọng số)', 'Sub-Index 1: Entry Costs']).unplaced).toEqual([
			{ column: 1, header: 'Chỉ số PCI 2019 (không có trọng số)', candidates: ['total', 'skip'] }
		]);
	});

	it('groups the skipped columns by reason with the first few names, for the report', () => {
		const result = place(PAPI, 2016, ['1: Tham gia của người dân ở cấp cơ sở', 'Công khai, minh bạch', '1.1: A', '1.2: B', '1.3: C', '1.4: D', 'X (%)']);
		expect(skippedByReason(result.placements)).toEqual([
			{ reason: 'sub_component', count: 4, names: '«1.1: A», «1.2: B», «1.3: C» (+1)' },
			{ reason: 'indicator', count: 1, names: '«X (%)»' }
		]);
	});
});

/** Test helper: a small hand-made catalogue and unit list for the pure wide-table code. */
import type { ComponentAlias, ComponentDef, IndexDef } from '../../src/lib/domain/catalogue.ts';
import { UnitMatcher, type UnitRecord } from '../../src/lib/domain/unit-names.ts';

const index = (id: string, publishesRanks: boolean, totalRule: IndexDef['totalRule']): IndexDef => ({
	id, slug: id.toLowerCase(), shortVi: id, shortEn: id, nameVi: id, nameEn: id, publisherVi: '', publisherEn: '',
	cohort: 'provinces', publishesRanks, maxTotal: null, firstYear: null, source: '', totalRule
});
const component = (indexId: string, id: string, nameVi: string, nameEn: string, maxPoints: number | null, yearFrom: number | null = null): ComponentDef => ({
	indexId, id, sortOrder: id === 'total' ? 0 : Number(id.replace(/\D+/g, '')), nameVi, nameEn, maxPoints, weightPct: null, yearFrom, yearTo: null, source: '', note: ''
});

/** PCI: published ranks, total read from the file. PAPI: no ranks, total = sum of dimensions (d3 only from 2018). */
export const indices = [index('PCI', true, null), index('PAPI', false, 'sum_of_components')];
export const components = [
	component('PCI', 'total', 'Điểm PCI', 'Weighted PCI score', 100),
	component('PCI', 'pci_s1', 'Gia nhập thị trường', 'Entry Costs', 10),
	component('PCI', 'pci_s2', 'Tiếp cận đất đai', 'Land Access', 10),
	component('PAPI', 'total', 'Điểm PAPI', 'PAPI score', 80),
	component('PAPI', 'papi_d1', 'Tham gia của người dân ở cấp cơ sở', 'Participation at Local Levels', 10),
	component('PAPI', 'papi_d2', 'Công khai, minh bạch', 'Transparency', 10),
	component('PAPI', 'papi_d3', 'Quản trị môi trường', 'Environmental Governance', 10, 2018)
];
export const aliases: ComponentAlias[] = [
	{ indexId: '*', alias: 'Rank', componentId: 'total', role: 'rank' },
	{ indexId: 'PCI', alias: 'The Weighted PCI Score', componentId: 'total', role: 'score' },
	{ indexId: 'PCI', alias: 'Sub-Index 1: Entry Costs', componentId: 'pci_s1', role: 'score' },
	{ indexId: 'PCI', alias: 'Sub-Index 2: Land Access & Tenure', componentId: 'pci_s2', role: 'score' },
	{ indexId: 'PAPI', alias: 'Weighted PAPI Score', componentId: null, role: 'skip' },
	{ indexId: 'PAPI', alias: 'Unweighted PAPI Score', componentId: 'total', role: 'score' },
	{ indexId: 'PAPI', alias: '1: Tham gia của người dân ở cấp cơ sở', componentId: 'papi_d1', role: 'score' }
];

const unit = (code: string, nameVi: string, nameAscii: string): UnitRecord => ({
	code, nameVi, nameAscii, cohort: 'provinces', validFrom: null, validTo: null
});
export const units = new UnitMatcher(
	[unit('01', 'Hà Nội', 'Ha Noi'), unit('62', 'Kon Tum', 'Kon Tum'), unit('64', 'Gia Lai', 'Gia Lai'), unit('77', 'Bà Rịa - Vũng Tàu', 'Ba Ria - Vung Tau')],
	[{ alias: 'BRVT', unitCode: '77' }]
);

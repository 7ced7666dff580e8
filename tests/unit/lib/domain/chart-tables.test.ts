import { describe, expect, it } from 'vitest';
import { componentTable, distributionTable, mapTable, peersTable, reachTable, reasonText, trajectoryTable } from '../../../../src/lib/domain/chart-tables.ts';
import type { MapTile } from '../../../../src/lib/domain/chart-data.ts';
import { toCsv } from '../../../../src/lib/charts/download.ts';

describe('trajectoryTable', () => {
	const points = [
		{ year: 2022, rank: 55, n: 63, targetRank: null, targetN: 63, across: null, status: 'baseline' as const, comparable: true, reason: null },
		{ year: 2023, rank: 43, n: 63, targetRank: 50, targetN: 63, across: null, status: 'met' as const, comparable: true, reason: null },
		// 2024: 43/63 → t′ = 42 → floor(1 + 41·33/62) = 22 among 34; 43/63 ≈ floor(1 + 42·33/62) = 23/34.
		{
			year: 2025, rank: 20, n: 34, targetRank: 22, targetN: 34, across: { rank: 43, n: 63, equivalent: 23, toN: 34 },
			status: 'met' as const, comparable: false, reason: 'n_changed'
		}
	];
	it('gives the target with its N and the year before as its equivalent among the new N', () => {
		expect(trajectoryTable('vi', points).rows[2]).toMatchObject({ targetRank: 22, targetN: 34, previous: '43/63 ≈ 23/34' });
		expect(trajectoryTable('vi', points).rows[1]).toMatchObject({ previous: null });
	});
	it('writes the status in words, in the interface language', () => {
		expect(trajectoryTable('vi', points).rows.map((r) => r.status)).toEqual(['năm gốc', 'đạt', 'đạt']);
		expect(trajectoryTable('en', points).rows.map((r) => r.status)).toEqual(['baseline', 'met', 'met']);
	});
	it('writes years as text, so the vi-VN format never shows 2022 as “2.022”', () => {
		expect(trajectoryTable('vi', points).rows[0].year).toBe('2022');
	});
	it('says why a year is not comparable', () => {
		expect(trajectoryTable('vi', points).rows[2].note).toBe('không so sánh được: số đơn vị xếp hạng khác năm gốc');
		expect(trajectoryTable('vi', points).rows[1].note).toBeNull();
	});
	it('becomes a CSV whose rows are the chart’s figures', () => {
		const csv = toCsv(trajectoryTable('en', points)).split('\r\n');
		expect(csv[0]).toBe('\ufeffYear,Rank,N,Target rank,Target N,Year before ≈ (new N),Status,Note');
		expect(csv[2]).toBe('2023,43,63,50,63,,met,');
		expect(csv[3]).toBe('2025,20,34,22,34,43/63 ≈ 23/34,met,not comparable: the number of ranked units differs from the baseline year');
	});
});

describe('reasonText', () => {
	it('translates the engine’s reason codes and passes anything else through', () => {
		expect(reasonText('en', 'lineage_changed')).toBe('the unit was merged or its boundaries changed');
		expect(reasonText('en', 'other')).toBe('other');
		expect(reasonText('en', null)).toBeNull();
	});
});

describe('distributionTable', () => {
	it('lists units best score first and names the highlighted ones', () => {
		const table = distributionTable('vi', [
			{ code: '62', name: 'Kon Tum', score: 64.89, rank: 37, n: 63, role: 'focus' },
			{ code: '64', name: 'Gia Lai', score: 66.1, rank: 20, n: 63, role: 'peer' },
			{ code: '01', name: 'Hà Nội', score: 60, rank: 50, n: 63, role: 'other' }
		]);
		expect(table.rows.map((r) => [r.unit, r.group])).toEqual([
			['Gia Lai', 'Nhóm so sánh'],
			['Kon Tum', 'Đơn vị đang xem'],
			['Hà Nội', null]
		]);
	});
});

describe('componentTable', () => {
	it('says above or below the median in words, keeping the chart’s order', () => {
		const table = componentTable(
			'en',
			[
				{ componentId: 'a', name: 'Public finance', score: 5, median: 6, maxPoints: null, rank: 51, n: 63, changePrevious: -4, changeBaseline: -4 },
				{ componentId: 'b', name: 'Institutions', score: 9.42, median: 8, maxPoints: 10, rank: 22, n: 63, changePrevious: 21, changeBaseline: 21 }
			],
			2022
		);
		expect(table.rows.map((r) => [r.component, r.side])).toEqual([
			['Public finance', 'below the median'],
			['Institutions', 'above the median']
		]);
		expect(table.columns.at(-1)!.label).toBe('Rank change since 2022');
	});
});

describe('reachTable', () => {
	it('has one row a component of the path: now, needed, the increase and the maximum, in the path’s order', () => {
		const table = reachTable('vi', [
			{ componentId: 'pci_s3', name: 'Tính minh bạch', from: 6.25, to: 10, maxPoints: 10 },
			{ componentId: 'x', name: 'Không có tối đa', from: 4, to: 4.5, maxPoints: null }
		]);
		expect(table.columns.map((c) => [c.key, c.label, c.numeric])).toEqual([
			['component', 'Thành phần', false],
			['from', 'Từ', true],
			['to', 'Đến', true],
			['plus', 'Tăng', true],
			['max', 'Tối đa', true]
		]);
		// 10 − 6.25 = 3.75 and 4.5 − 4 = 0.5, both exact in binary.
		expect(table.rows).toEqual([
			{ component: 'Tính minh bạch', from: 6.25, to: 10, plus: 3.75, max: 10 },
			{ component: 'Không có tối đa', from: 4, to: 4.5, plus: 0.5, max: null }
		]);
	});
});

describe('peersTable', () => {
	it('has one row a unit and year, oldest first', () => {
		const table = peersTable('en', [
			{ code: '62', name: 'Kon Tum', role: 'focus', points: [{ year: 2023, rank: 43, n: 63 }, { year: 2022, rank: 55, n: 63 }] }
		]);
		expect(table.rows).toEqual([
			{ unit: 'Kon Tum', year: '2022', rank: 55, n: 63 },
			{ unit: 'Kon Tum', year: '2023', rank: 43, n: 63 }
		]);
	});
});

describe('mapTable', () => {
	const tile = (code: string, name: string, rank: number | null, extra: Partial<MapTile> = {}): MapTile => ({
		code, name, col: 0, row: 0, rank, n: rank === null ? null : 63, score: null, bound: null, role: 'other', status: null, targetRank: null, ...extra
	});
	it('lists the units best rank first, those without one last, the focus and bounds named in the note', () => {
		const table = mapTable('vi', [tile('62', 'Kon Tum', 56, { role: 'focus' }), tile('01', 'Hà Nội', 9), tile('12', 'Lai Châu', null, { bound: 'ngoài top 30' })], 'rank');
		expect(table.columns.map((c) => c.key)).toEqual(['unit', 'rank', 'n', 'score', 'group']);
		expect(table.rows.map((r) => [r.unit, r.rank, r.group])).toEqual([
			['Hà Nội', 9, null],
			['Kon Tum', 56, 'Đơn vị đang xem'],
			['Lai Châu', null, 'ngoài top 30']
		]);
	});
	it('adds the target and the status in words when the map is coloured by status', () => {
		const table = mapTable('en', [tile('62', 'Kon Tum', 17, { status: 'missed', targetRank: 16 })], 'status');
		expect(table.rows).toEqual([{ unit: 'Kon Tum', rank: 17, n: 63, score: null, target: 16, status: 'missed', group: null }]);
	});
});

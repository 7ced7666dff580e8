import { describe, expect, it } from 'vitest';
import { planLineage } from '../../../../src/lib/domain/plan-inheritance.ts';
import { namesakePredecessor, type UnitWithSuccessor } from '../../../../src/lib/domain/unit-names.ts';

const unit = (code: string, nameVi: string, successorCode: string | null = null): UnitWithSuccessor => ({
	code, nameVi, nameAscii: null, cohort: 'provinces', validFrom: successorCode ? null : '2025-07-01', validTo: successorCode ? '2025-06-30' : null, successorCode
});
// Two mergers of Nghị quyết 202/2025/QH15, and a unit never merged.
const units = [
	unit('51', 'Quảng Ngãi', '2025-quang-ngai'),
	unit('62', 'Kon Tum', '2025-quang-ngai'),
	unit('2025-quang-ngai', 'Quảng Ngãi'),
	unit('48', 'Đà Nẵng', '2025-da-nang'),
	unit('49', 'Quảng Nam', '2025-da-nang'),
	unit('2025-da-nang', 'TP. Đà Nẵng'),
	{ ...unit('04', 'Cao Bằng'), validFrom: null }
];
const codes = (list: UnitWithSuccessor[]) => list.map((u) => u.code);

describe('namesakePredecessor', () => {
	it('is the predecessor whose name the successor keeps, whatever the "TP." prefix', () => {
		expect(namesakePredecessor(units[2], units)?.code).toBe('51');
		expect(namesakePredecessor(units[5], units)?.code).toBe('48');
	});

	it('is nobody for a unit that was never merged', () => {
		expect(namesakePredecessor(units[6], units)).toBeNull();
	});
});

describe('planLineage', () => {
	it('the new Quảng Ngãi continues the old one: its ranks before 2025 and its plans', () => {
		expect(planLineage('2025-quang-ngai', units)).toEqual({ chain: [units[0], units[2]], planOwners: ['51', '2025-quang-ngai'] });
	});

	it('the old Quảng Ngãi is judged by the plans of the successor that continues it', () => {
		const lineage = planLineage('51', units);
		expect(codes(lineage.chain)).toEqual(['51', '2025-quang-ngai']);
		expect(lineage.planOwners).toEqual(['51', '2025-quang-ngai']);
	});

	it('Kon Tum keeps only its own plans, judged on Quảng Ngãi’s rank after the merger', () => {
		const lineage = planLineage('62', units);
		expect(codes(lineage.chain)).toEqual(['62', '2025-quang-ngai']);
		expect(lineage.planOwners).toEqual(['62']);
	});

	it('a unit never merged is its own lineage; an unknown code has none', () => {
		expect(planLineage('04', units)).toEqual({ chain: [units[6]], planOwners: ['04'] });
		expect(planLineage('99', units)).toEqual({ chain: [], planOwners: [] });
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { useTempDatabase, writeTempFile } from '../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../src/lib/server/db.ts';
import { MIGRATIONS } from '../../../../src/lib/server/migrations.ts';
import { ensureDatabase } from '../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../src/lib/server/import/pipeline.ts';
import { targetsFor } from '../../../../src/lib/server/targets.ts';
import {
	addPlan, changePlan, checkPlan, entryOf, listPlans, planHistory, PlanError, retirePlan
} from '../../../../src/lib/server/plans.ts';
import type { PlanDraft } from '../../../../src/lib/domain/plan-entry.ts';
import { actor } from '../../../helpers/actor.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';
const OLD_QUANG_NGAI = '51';
const NEW_QUANG_NGAI = '2025-quang-ngai';

/** "Quảng Ngãi: top 15 of 34 by 2030", judged from 2025 (synthetic document). */
const successorPlan: PlanDraft = {
	unitCode: NEW_QUANG_NGAI, indices: ['PCI'], kind: 'absolute', baselineYear: 2025, firstStep: null, yearlyStep: null, horizon: 2030,
	targetRank: 15, document: 'Nghị quyết 01-NQ/TU (synthetic)', issuedOn: '2025-09-15', issuedBy: 'Tỉnh ủy Quảng Ngãi', source: null
};

beforeAll(async () => {
	useTempDatabase('plans');
	await ensureDatabase({ empty: true });
	const codes = (await query<{ code: string }>('SELECT code FROM units WHERE valid_from IS NULL ORDER BY code')).map((u) => u.code);
	// Synthetic PCI 2022 without published ranks: unit k scores 80 − k, the old Quảng Ngãi 60.5,
	// so the 20 units scoring 61 to 80 are ahead of it → 21st of 63.
	const lines = [
		...codes.map((c, k) => `PCI,2022,${c},,${c === OLD_QUANG_NGAI ? 60.5 : 80 - k},,,,,`),
		`PCI,2025,${NEW_QUANG_NGAI},,,12,34,,,`,
		`PCI,2026,${NEW_QUANG_NGAI},,,14,34,,,`
	];
	await importFile({ file: writeTempFile('synthetic-pci-plans.csv', [HEADER, ...lines].join('\n')), importedBy: 'test' });
});
afterAll(closeDatabase);

describe('the shipped plans', () => {
	it('are stored as version 1, entered from data/reference/plans.csv, the directive as the default rule', async () => {
		const plans = await listPlans();
		expect(plans.map((p) => [p.id, p.version, p.action, p.defaultRule, p.enteredBy])).toEqual([
			['kontum-2023-2030', 1, 'added', true, 'chiso (data/reference/plans.csv)'],
			['kontum-2021', 1, 'added', false, 'chiso (data/reference/plans.csv)']
		]);
		expect(plans[0]).toMatchObject({ unitCode: '62', unitName: 'Kon Tum', indices: ['PAR_INDEX', 'PAPI', 'PCI'], retired: false, versions: 1 });
	});
});

describe('inheritance across the 2025 merger', () => {
	it('the new Quảng Ngãi, without a plan, is judged by the default rule from the old Quảng Ngãi’s 2022 rank', async () => {
		const [report] = await targetsFor(NEW_QUANG_NGAI, 'PCI');
		expect(report.planId).toBeNull();
		expect(report.unit).toEqual({ code: NEW_QUANG_NGAI, name: 'Quảng Ngãi' });
		// 21st of 63 in 2022 → 2023 needs 21 − 5 = 16.
		expect(report.years.slice(0, 2)).toMatchObject([
			{ year: 2022, rank: 21, n: 63, status: 'baseline' },
			{ year: 2023, rank: null, targetRank: 16, status: 'pending' }
		]);
	});
});

describe('addPlan, changePlan, retirePlan', () => {
	it('a successor’s own plan is judged by the same engine: 14/34 in 2026 meets "15 or better", 1 place to spare', async () => {
		const added = await addPlan(successorPlan, actor('lan'));
		expect(added).toMatchObject({ id: 'quang-ngai-2025-2030', version: 1, action: 'added', enteredBy: 'lan', unitName: 'Quảng Ngãi' });
		expect(added.enteredAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		const [report] = await targetsFor(NEW_QUANG_NGAI, 'PCI');
		expect(report.planId).toBe('quang-ngai-2025-2030');
		expect(report.years.slice(0, 3)).toMatchObject([
			{ year: 2025, rank: 12, n: 34, status: 'baseline' },
			{ year: 2026, rank: 14, n: 34, targetRank: 15, gap: -1, status: 'met' },
			{ year: 2027, rank: null, targetRank: 15, status: 'pending' }
		]);
	});

	it('the old Quảng Ngãi is judged by its successor’s plan; Kon Tum keeps its own directive only', async () => {
		expect((await targetsFor(OLD_QUANG_NGAI, 'PCI')).map((r) => r.planId)).toEqual(['quang-ngai-2025-2030']);
		expect((await targetsFor('62', 'PCI')).map((r) => r.planId)).toEqual(['kontum-2023-2030', 'kontum-2021']);
	});

	it('a second plan with the same unit and years gets the next free id', async () => {
		const second = await addPlan({ ...successorPlan, indices: ['PAPI'] }, actor('lan'));
		expect(second.id).toBe('quang-ngai-2025-2030-2');
		await retirePlan(second.id, actor('lan'));
	});

	it('a change is a new version; the plan in force is the latest; the history keeps both', async () => {
		const changed = await changePlan('quang-ngai-2025-2030', { ...successorPlan, targetRank: 13 }, actor('hoa'));
		expect(changed).toMatchObject({ version: 2, action: 'changed', targetRank: 13, enteredBy: 'hoa' });
		const history = await planHistory('quang-ngai-2025-2030');
		expect(history.map((v) => [v.version, v.action, v.targetRank, v.enteredBy])).toEqual([
			[1, 'added', 15, 'lan'],
			[2, 'changed', 13, 'hoa']
		]);
		// 14/34 in 2026 now misses 13 by one place.
		const [report] = await targetsFor(NEW_QUANG_NGAI, 'PCI');
		expect(report.years[1]).toMatchObject({ year: 2026, rank: 14, targetRank: 13, gap: 1, status: 'missed' });
	});

	it('retiring takes the plan out of target evaluation and keeps its history', async () => {
		const retired = await retirePlan('quang-ngai-2025-2030', actor('hoa'));
		expect(retired).toMatchObject({ version: 3, action: 'retired', targetRank: 13, enteredBy: 'hoa' });
		expect((await targetsFor(NEW_QUANG_NGAI, 'PCI')).map((r) => r.planId)).toEqual([null]);
		expect((await planHistory('quang-ngai-2025-2030')).map((v) => v.action)).toEqual(['added', 'changed', 'retired']);
		const listed = (await listPlans()).find((p) => p.id === 'quang-ngai-2025-2030');
		expect(listed).toMatchObject({ retired: true, versions: 3 });
	});

	it('refuses to change or retire a retired plan, an unknown one, or to retire the default rule', async () => {
		const refusal = (work: Promise<unknown>) => work.then(() => null, (e: PlanError) => [e.key, e.planId]);
		expect(await refusal(changePlan('quang-ngai-2025-2030', successorPlan, actor('hoa')))).toEqual(['plans.error.retired', 'quang-ngai-2025-2030']);
		expect(await refusal(retirePlan('quang-ngai-2025-2030', actor('hoa')))).toEqual(['plans.error.retired', 'quang-ngai-2025-2030']);
		expect(await refusal(retirePlan('khong-co', actor('hoa')))).toEqual(['plans.error.unknownPlan', 'khong-co']);
		expect(await refusal(retirePlan('kontum-2023-2030', actor('hoa')))).toEqual(['plans.error.defaultRule', 'kontum-2023-2030']);
	});

	it('a change of the shipped directive stays the default rule, every unit without a plan judged by the new numbers', async () => {
		const [directive] = await planHistory('kontum-2023-2030');
		const checked = await checkPlan({ ...entryOf(directive), firstStep: '3' }, 'vi');
		expect(checked.ok).toBe(true);
		if (!checked.ok) return;
		await changePlan('kontum-2023-2030', checked.value, actor('hoa'));
		const [report] = await targetsFor(NEW_QUANG_NGAI, 'PCI');
		// 21st in 2022 → 2023 needs 21 − 3 = 18.
		expect(report).toMatchObject({ planId: null, plan: { firstStep: 3 } });
		expect(report.years[1]).toMatchObject({ year: 2023, targetRank: 18 });
	});
});

describe('migration 9', () => {
	it('turns the one-row-per-index plans of version 8 into version 1 of each plan, indices together', async () => {
		const instance = await DuckDBInstance.create(':memory:');
		const connection = await instance.connect();
		for (const m of MIGRATIONS.filter((m) => m.version < 9)) await connection.run(m.sql!);
		for (const index of ['PCI', 'PAPI']) {
			await connection.run(
				`INSERT INTO plans (id, index_id, unit_code, kind, baseline_year, first_step, yearly_step, horizon, default_rule)
				 VALUES ('kontum-2023-2030', $1, '62', 'rise', 2022, 5, 1, 2030, true)`,
				[index]
			);
		}
		await connection.run(MIGRATIONS.find((m) => m.version === 9)!.sql!);
		const reader = await connection.runAndReadAll('SELECT id, version, action, indices, first_step, default_rule, entered_by FROM plans');
		expect(reader.getRowObjectsJS()).toEqual([
			{ id: 'kontum-2023-2030', version: 1, action: 'added', indices: ['PAPI', 'PCI'], first_step: 5, default_rule: true, entered_by: 'chiso (data/reference/plans.csv)' }
		]);
		connection.closeSync();
		instance.closeSync();
	});
});

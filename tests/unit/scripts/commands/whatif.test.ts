/**
 * `chiso whatif`: on the shipped figures (the same scenario the e2e test reads
 * on the page, so the command line and the page are checked against the same
 * hand-worked numbers), and on the synthetic PAPI 2022–2023 table of
 * tests/helpers/synthetic-what-if.ts, where the directive's plan sets a 2023 target.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.ts';
import { writeSyntheticPapi } from '../../../helpers/synthetic-what-if.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-whatif-cli-'));
const shipped = path.join(dir, 'shipped.duckdb');
const synthetic = path.join(dir, 'synthetic.duckdb');

beforeAll(() => {
	expect(runCli(shipped, ['init']).status).toBe(0);
	expect(runCli(synthetic, ['init', '--empty']).status).toBe(0);
	const imported = runCli(synthetic, ['import', writeSyntheticPapi()]);
	expect(imported.status, imported.stderr).toBe(0);
}, 240_000);

const json = (db: string, args: string[]) => {
	const result = runCli(db, ['whatif', ...args, '--json']);
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	return JSON.parse(result.stdout);
};

describe('chiso whatif on the shipped figures', () => {
	it('Kon Tum PCI 2019, Transparency 6.5543 and Informal Charges +0.1: 63.8351, 50th, target 50 met (as the page shows)', () => {
		const out = json(shipped, ['--unit', 'Kon Tum', '--index', 'PCI', '--year', '2019', '--set', 'pci_s3=6.5543', '--set', 'pci_s5=+0.1', '--target', '50']);
		expect(out).toMatchObject({ unit: 'Kon Tum', index: 'PCI', year: 2019, n: 63, current: { total: 63.5351, rank: 56 } });
		expect(out.projected.total).toBeCloseTo(63.8351, 9);
		expect(out.projected.rank).toBe(50);
		expect(out.projected.components.pci_s5).toBeCloseTo(6.0532, 9);
		expect(out.target).toEqual({ rank: 50, totalNeeded: 63.7894, gainNeeded: 0, reachable: true, path: [], pathPoints: 0 });
	});

	it('the readable output names the cheapest path to first place: Transparency to 10, then Business Support', () => {
		const result = runCli(shipped, ['whatif', '--unit', 'Kon Tum', '--index', 'pci', '--year', '2019', '--target', '1', '--lang', 'en']);
		expect(result.status).toBe(0);
		// 73.3965 − 63.5351 = 9.8614: Transparency +3.5457 (×2 = 7.0914), Business Support +1.385 (×2 = 2.77).
		expect(result.stdout).toContain('9.8614 more points of total are needed (to reach 73.3965).');
		expect(result.stdout).toContain('Transparency and Access to Information: 6.4543 → 10 (+3.5457)');
		expect(result.stdout).toContain('Business Support Services: 5.7432 → 7.1282 (+1.385)');
		expect(result.stdout).toContain('Component points to add in all: 4.9307.');
	});

	it('a year without a checked rule offers the total alone: Kon Tum PCI 2022', () => {
		const out = json(shipped, ['--unit', 'Kon Tum', '--index', 'PCI', '--year', '2022', '--set', 'total=+1']);
		expect(out.current).toEqual({ total: 64.89, rank: 37 });
		expect(out.projected.components).toEqual({ total: 65.89 });
		// From PCI 2023 only the top 30 are published, and 2022's table is not shipped whole: no rank to project.
		expect(out.projected.rank).toBeNull();
	});

	it('wrong arguments are named: an unknown component, a score above the maximum, a bad --set', () => {
		const unknown = runCli(shipped, ['whatif', '--unit', 'Kon Tum', '--index', 'PCI', '--year', '2019', '--set', 'pci_s11=5']);
		expect(unknown.status).toBe(2);
		expect(unknown.stderr).toContain('--set pci_s11: PCI 2019 has pci_s1, pci_s2');
		const above = runCli(shipped, ['whatif', '--unit', 'Kon Tum', '--index', 'PCI', '--year', '2019', '--set', 'pci_s3=+4']);
		expect(above.status).toBe(2);
		expect(above.stderr).toContain('--set pci_s3: 10.4543 is outside 0–10');
		const bad = runCli(shipped, ['whatif', '--unit', 'Kon Tum', '--index', 'PCI', '--year', '2019', '--set', 'pci_s3']);
		expect(bad.stderr).toContain('--set “pci_s3”: expected ID=VALUE or ID=+DELTA');
	});
});

describe('chiso whatif against the plan’s target (synthetic PAPI 2022–2023)', () => {
	it('without --target, the target is the plan’s for the year: 46th; 55.5 needed, +0.5 on the first dimension', () => {
		const out = json(synthetic, ['--unit', 'Kon Tum', '--index', 'PAPI', '--year', '2023']);
		expect(out).toMatchObject({ year: 2023, n: 63, current: { total: 55, rank: 51 }, projected: { total: 55, rank: 51 } });
		// The 46th highest other: 60 − 0.1 × 45 = 55.5.
		expect(out.target).toMatchObject({ rank: 46, totalNeeded: 55.5, reachable: true });
		expect(out.target.gainNeeded).toBeCloseTo(0.5, 9);
		expect(out.target.path).toEqual([{ component: 'papi_d1', from: 6, to: 6.5 }]);
		expect(out.target.pathPoints).toBeCloseTo(0.5, 9);
	});

	it('--set without --target: Environmental Governance +0.3 gives 55.3, 48th; the path adds the 0.2 left', () => {
		const out = json(synthetic, ['--unit', 'Kon Tum', '--index', 'PAPI', '--year', '2023', '--set', 'papi_d7=+0.3']);
		// Above 55.3: the others scoring 60 … 55.4 (k = 0 … 46), 47 of them.
		expect(out.projected.total).toBeCloseTo(55.3, 9);
		expect(out.projected.rank).toBe(48);
		expect(out.target.rank).toBe(46);
		expect(out.target.gainNeeded).toBeCloseTo(0.2, 9);
		expect(out.target.path).toHaveLength(1);
		expect(out.target.path[0].component).toBe('papi_d1');
		expect(out.target.path[0].to).toBeCloseTo(6.2, 9);
	});

	it('first place needs 60 − 55 = 5 points: the first dimension to its cap 10 (+4), then 1 on the second', () => {
		const out = json(synthetic, ['--unit', 'Kon Tum', '--index', 'PAPI', '--year', '2023', '--target', '1']);
		expect(out.target.path).toEqual([
			{ component: 'papi_d1', from: 6, to: 10 },
			{ component: 'papi_d2', from: 6, to: 7 }
		]);
		expect(out.target.pathPoints).toBeCloseTo(5, 9);
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.ts';

const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-targets-cli-')), 'cli.duckdb');

beforeAll(() => {
	expect(runCli(db, ['init']).status).toBe(0);
});

describe('chiso targets (shipped figures)', () => {
	it('Kon Tum PAR INDEX: 2022 baseline 55, 2023 43 against target 50 (met, gap −7), 2024 target 42 pending', () => {
		const result = runCli(db, ['targets', '--unit', 'Kon Tum', '--index', 'PAR_INDEX', '--json']);
		expect(result.status).toBe(0);
		const json = JSON.parse(result.stdout);
		expect(json.unit).toEqual({ code: '62', name: 'Kon Tum' });
		expect(json.plan).toEqual({ kind: 'rise', baselineYear: 2022, firstStep: 5, horizon: 2030 });
		expect(json.years[0]).toEqual({
			year: 2022, rank: 55, n: 63, percentile: 0.871, score: 81.35, rankSource: 'published',
			targetRank: null, rankMin: null, rankMax: null, targetRankMin: null, targetRankMax: null, targetN: 63, gap: null,
			previousRank: null, previousN: null, previousEquivalent: null, change: null,
			status: 'baseline', comparable: true, reason: null
		});
		expect(json.years[1]).toMatchObject({ year: 2023, rank: 43, targetRank: 50, gap: -7, status: 'met' });
		expect(json.years[2]).toMatchObject({ year: 2024, rank: null, targetRank: 42, status: 'pending' });
	});

	it('without --index prints an array, one object per index', () => {
		const json = JSON.parse(runCli(db, ['targets', '--unit', 'KON TUM', '--json']).stdout);
		expect(json.map((r: { index: string }) => r.index)).toEqual(['PAPI', 'PAR_INDEX', 'PCI']);
	});

	it('the readable table shows the province’s 2021 plan missed for PCI (56th → 61st, target 46)', () => {
		const result = runCli(db, ['targets', '--unit', 'Kon Tum', '--index', 'pci', '--lang', 'en']);
		expect(result.stdout).toMatch(/2021\s+61\/63\s+46\/63\s+15\s+missed/);
		// PCI 37/63 in 2022 → 2023 target 32; 2023 known only as 31–63: undetermined.
		expect(result.stdout).toMatch(/2023\s+31–63\/63\s+32\/63\s+—\s+undetermined/);
		// 2024: best case 31 − 1 = 30, worst case the 2023 target 32 − 1 = 31 (among 63).
		expect(result.stdout).toMatch(/2024\s+—\s+30–31\/63/);
		// 2025 (N 63 → 34): t′ = 29..30; floor(1 + 28·33/62) = floor(15.90) = 15, floor(1 + 29·33/62) = floor(16.44) = 16.
		expect(result.stdout).toMatch(/2025\s+—\s+15–16\/34\s+—\s+pending/);
	});

	it('a name shared with a 2025 unit (“Gia Lai”) means the province that has the figures', () => {
		const json = JSON.parse(runCli(db, ['targets', '--unit', 'Gia Lai', '--index', 'PAR_INDEX', '--json']).stdout);
		expect(json.unit).toEqual({ code: '64', name: 'Gia Lai' });
		// Gia Lai ranked 58th in 2022 (baogialai, added 2026-11-27) and 58th in 2023: target 58 − 5 = 53, missed by 5.
		expect(json.years[1]).toMatchObject({ year: 2023, rank: 58, status: 'missed', targetRank: 53, gap: 5 });
	});

	it('an unknown unit is a usage error naming the closest units', () => {
		const result = runCli(db, ['targets', '--unit', 'Kontun', '--json']);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('Kon Tum');
	});
});

describe('chiso ranks', () => {
	it('prints PAPI 2019 computed from scores, Kon Tum 53rd of 63', () => {
		const rows = JSON.parse(runCli(db, ['ranks', '--index', 'PAPI', '--year', '2019', '--json']).stdout);
		expect(rows).toHaveLength(63);
		expect(rows.find((r: { unitCode: string }) => r.unitCode === '62')).toMatchObject({ rank: 53, n: 63, rankSource: 'computed' });
	});
});

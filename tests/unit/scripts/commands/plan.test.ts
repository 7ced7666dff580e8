import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-plan-cli-'));
const db = path.join(dir, 'cli.duckdb');
const env = { USER: 'lan' };

/** "Quảng Ngãi: top 15 of 34 by 2030", judged from 2025 (a synthetic document). */
const SUCCESSOR_PLAN = [
	'--unit', 'Quảng Ngãi', '--index', 'PCI', '--kind', 'absolute', '--baseline', '2025', '--horizon', '2030', '--rank', '15',
	'--document', 'Nghị quyết 01-NQ/TU (synthetic)', '--issued-on', '2025-09-15', '--issued-by', 'Tỉnh ủy Quảng Ngãi'
];

beforeAll(() => {
	expect(runCli(db, ['init', '--empty']).status).toBe(0);
	// Synthetic published ranks of the new Quảng Ngãi among the 34 provinces.
	const file = path.join(dir, 'pci-quang-ngai-synthetic.csv');
	fs.writeFileSync(
		file,
		['index,year,unit,component,score,rank,rank_of,value_type,source,note', 'PCI,2025,2025-quang-ngai,,,12,34,,,', 'PCI,2026,2025-quang-ngai,,,14,34,,,'].join('\n')
	);
	expect(runCli(db, ['import', file]).status).toBe(0);
});

describe('chiso plan', () => {
	it('lists the shipped plans, the directive marked as the default rule', () => {
		const result = runCli(db, ['plan', 'list']);
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/^kontum-2023-2030\s+v1\s+Kon Tum \(đến 2025\) · PAR_INDEX, PAPI, PCI · tăng 5 bậc so với 2022, sau đó mỗi năm tăng 1 bậc, đến 2030 \(quy tắc mặc định\)$/m);
	});

	it('adds a successor’s plan, then `targets --unit "Quảng Ngãi"` judges it: 14/34 in 2026 meets 15', () => {
		expect(runCli(db, ['plan', 'add', ...SUCCESSOR_PLAN], undefined, env)).toMatchObject({
			status: 0,
			stdout: 'Đã thêm kế hoạch quang-ngai-2025-2030 (phiên bản 1).\n'
		});
		const json = JSON.parse(runCli(db, ['targets', '--unit', 'Quảng Ngãi', '--index', 'PCI', '--json']).stdout);
		expect(json.unit).toEqual({ code: '2025-quang-ngai', name: 'Quảng Ngãi' });
		expect(json.plan).toEqual({ kind: 'absolute', targetRank: 15, horizon: 2030 });
		expect(json.years.slice(0, 2)).toMatchObject([
			{ year: 2025, rank: 12, n: 34, status: 'baseline' },
			{ year: 2026, rank: 14, n: 34, targetRank: 15, gap: -1, status: 'met' }
		]);
	});

	it('a change adds version 2 and `show` prints both versions with who entered them', () => {
		expect(runCli(db, ['plan', 'change', 'quang-ngai-2025-2030', '--rank', '13', '--lang', 'en'], undefined, { USER: 'hoa' })).toMatchObject({
			status: 0,
			stdout: 'Saved version 2 of plan quang-ngai-2025-2030; the earlier versions are kept.\n'
		});
		const shown = runCli(db, ['plan', 'show', 'quang-ngai-2025-2030', '--lang', 'en']).stdout;
		expect(shown).toMatch(/v1 added · lan · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n\s+Quảng Ngãi \(from 7\/2025\) · PCI · rank 15 or better by 2030 \(judged from 2025\)/);
		expect(shown).toMatch(/v2 changed · hoa · .*\n\s+Quảng Ngãi \(from 7\/2025\) · PCI · rank 13 or better by 2030/);
		const json = JSON.parse(runCli(db, ['targets', '--unit', 'Quảng Ngãi', '--index', 'PCI', '--json']).stdout);
		expect(json.years[1]).toMatchObject({ year: 2026, rank: 14, targetRank: 13, gap: 1, status: 'missed' });
	});

	it('retiring hides the plan from `list` (not from `list --all`) and from the targets', () => {
		expect(runCli(db, ['plan', 'retire', 'quang-ngai-2025-2030']).stdout).toBe(
			'Đã thôi áp dụng kế hoạch quang-ngai-2025-2030 (phiên bản 3); lịch sử vẫn được giữ.\n'
		);
		expect(runCli(db, ['plan', 'list']).stdout).not.toContain('quang-ngai-2025-2030');
		expect(runCli(db, ['plan', 'list', '--all']).stdout).toMatch(/^quang-ngai-2025-2030\s+v3\s.*\(đã thôi áp dụng\)$/m);
		const json = JSON.parse(runCli(db, ['targets', '--unit', 'Quảng Ngãi', '--index', 'PCI', '--json']).stdout);
		expect(json.plan).toEqual({ kind: 'rise', baselineYear: 2022, firstStep: 5, horizon: 2030 });
	});

	it('refuses bad plans with every reason, and unknown or retired plans, writing nothing', () => {
		const bad = runCli(db, ['plan', 'add', ...SUCCESSOR_PLAN, '--baseline', '2031', '--unit', 'Quang Ngay', '--lang', 'en']);
		expect(bad.status).toBe(1);
		expect(bad.stderr).toBe(
			'The baseline year 2031 is not before the horizon 2030: the baseline must come first.\n' +
				'No unit “Quang Ngay” in the reference list; closest: Quảng Ngãi, Quảng Nam, Quảng Ninh.\n'
		);
		expect(runCli(db, ['plan', 'retire', 'khong-co'])).toMatchObject({ status: 1, stderr: 'Không có kế hoạch «khong-co».\n' });
		expect(runCli(db, ['plan', 'change', 'quang-ngai-2025-2030', '--rank', '10']).status).toBe(1);
		expect(runCli(db, ['plan', 'list', '--all']).stdout.match(/quang-ngai/g)).toHaveLength(1);
		expect(runCli(db, ['plan', 'retire']).status).toBe(2);
	});
});

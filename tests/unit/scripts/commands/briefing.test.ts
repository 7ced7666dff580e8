import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.ts';

// The PDF itself needs the built app: tests/e2e/briefing.spec.ts prints it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-briefing-cli-'));
const db = path.join(dir, 'cli.duckdb');

describe('chiso briefing: arguments and errors', () => {
	it('needs --unit, --year and --out', () => {
		const result = runCli(db, ['briefing', '--unit', 'Kon Tum', '--year', '2023']);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('--out is required');
		expect(result.stderr).toContain('briefing --unit NAME --year Y --out FILE.pdf');
	});

	it('rejects an unknown unit with the closest names before starting anything', () => {
		const result = runCli(db, ['briefing', '--unit', 'Kon Tom', '--year', '2023', '--out', path.join(dir, 'x.pdf')]);
		expect(result.status).toBe(2);
		expect(result.stderr).toMatch(/Không có đơn vị “Kon Tom”. Tên gần nhất: .*Kon Tum/);
		expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
	});

	it('without Chromium, exits 1 saying how to install it (and writes nothing)', () => {
		const out = path.join(dir, 'y.pdf');
		const result = runCli(db, ['briefing', '--unit', 'Kon Tum', '--year', '2023', '--out', out, '--server', 'http://127.0.0.1:9', '--lang', 'en'], undefined, {
			CHROMIUM_PATH: '/nonexistent/chromium'
		});
		expect(result.status).toBe(1);
		expect(result.stderr.trim()).toBe(
			'Chromium was not found at /nonexistent/chromium, so no PDF can be made. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).'
		);
		expect(fs.existsSync(out)).toBe(false);
	});
});

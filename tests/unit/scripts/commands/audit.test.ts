import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.ts';

// Each step starts the command line afresh; on a loaded machine that is slow.
const SLOW = { timeout: 240_000 };

describe('chiso audit', () => {
	it('prints the command line’s own account changes, by the system user and without an address; filters; --json', SLOW, () => {
		const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-audit-')), 'audit.duckdb');
		expect(runCli(db, ['init', '--empty']).status).toBe(0);
		const env = { USER: 'quantri' };
		expect(runCli(db, ['user', 'add', 'hoa', '--role', 'admin'], 'mật khẩu của Hoa\n', env).status).toBe(0);
		expect(runCli(db, ['user', 'add', 'lan', '--role', 'viewer'], 'mật khẩu của Lan\n', env).status).toBe(0);
		expect(runCli(db, ['user', 'role', 'lan', '--role', 'analyst'], undefined, env)).toMatchObject({
			status: 0,
			stdout: 'Đã đổi vai trò của lan: viewer → analyst.\n'
		});
		// The last admin stays an admin: refused, and not in the trail.
		expect(runCli(db, ['user', 'role', 'hoa', '--role', 'viewer'], undefined, env)).toMatchObject({ status: 1, stderr: expect.stringContaining('hoa') });

		const json = runCli(db, ['audit', '--json']);
		expect(json.status).toBe(0);
		const entries = JSON.parse(json.stdout) as { actor: string; address: string | null; kind: string; target: string; detail: unknown }[];
		expect(entries.map((e) => [e.kind, e.actor, e.address, e.target, e.detail])).toEqual([
			['user.role', 'quantri', null, 'lan', { role: { from: 'viewer', to: 'analyst' } }],
			['user.add', 'quantri', null, 'lan', { role: 'viewer' }],
			['user.add', 'quantri', null, 'hoa', { role: 'admin' }]
		]);

		const text = runCli(db, ['audit', '--kind', 'user.role', '--user', 'quantri', '--lang', 'en']);
		expect(text.status).toBe(0);
		const lines = text.stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}user\.role {6}quantri {10}command line {5}lan {8}role: viewer → analyst$/);

		expect(runCli(db, ['audit', '--since', '2099-01-01']).stdout).toBe('Không có mục nào khớp bộ lọc.\n');
		const bad = runCli(db, ['audit', '--since', '2026-02-30', '--kind', 'delete']);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('--kind, --since');
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.ts';

/** A database without the shipped figures: accounts do not need them, and importing them on every run is slow. */
function tempDb(): string {
	const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-user-')), 'user.duckdb');
	expect(runCli(db, ['init', '--empty']).status).toBe(0);
	return db;
}
const PASSWORD = 'mật khẩu bí mật 2026';

describe('chiso user', () => {
	it('adds accounts with the password from stdin, never printing it, and lists them', () => {
		const db = tempDb();
		const added = runCli(db, ['user', 'add', 'Lan.Nguyen', '--role', 'analyst'], `${PASSWORD}\n`);
		expect(added).toMatchObject({ status: 0, stdout: 'Đã tạo tài khoản lan.nguyen (analyst).\n' });
		expect(added.stdout + added.stderr).not.toContain(PASSWORD);
		expect(runCli(db, ['user', 'add', 'minh', '--role', 'admin'], `${PASSWORD}\n`).status).toBe(0);
		const list = runCli(db, ['user', 'list', '--lang', 'en']);
		expect(list.status).toBe(0);
		expect(list.stdout).toMatch(/^lan\.nguyen\s+analyst\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+0$/m);
		expect(list.stdout).toMatch(/^minh\s+admin\s/m);
		expect(fs.readFileSync(db).includes(Buffer.from(PASSWORD))).toBe(false);
	});

	it('refuses a taken name, a bad role and a short password, saying why', () => {
		const db = tempDb();
		runCli(db, ['user', 'add', 'lan', '--role', 'analyst'], `${PASSWORD}\n`);
		expect(runCli(db, ['user', 'add', 'lan', '--role', 'admin'], `${PASSWORD}\n`)).toMatchObject({
			status: 1,
			stderr: 'Tài khoản «lan» đã có.\n'
		});
		const badRole = runCli(db, ['user', 'add', 'hoa', '--role', 'boss', '--lang', 'en'], `${PASSWORD}\n`);
		expect(badRole.status).toBe(2);
		expect(badRole.stderr).toContain('The role “boss” is not valid; choose one of: viewer, analyst, admin.');
		const short = runCli(db, ['user', 'add', 'hoa', '--role', 'viewer'], 'ngắn\n');
		expect(short.status).toBe(2);
		expect(short.stderr).toContain('Mật khẩu phải có ít nhất 10 ký tự.');
		expect(short.stderr).not.toContain('ngắn');
		expect(runCli(db, ['user', 'list']).stdout).not.toMatch(/^hoa/m);
	});

	it('changes a password, revokes sessions and removes accounts, naming unknown ones', () => {
		const db = tempDb();
		runCli(db, ['user', 'add', 'lan', '--role', 'analyst'], `${PASSWORD}\n`);
		expect(runCli(db, ['user', 'passwd', 'lan'], 'một mật khẩu mới hơn\n')).toMatchObject({
			status: 0,
			stdout: 'Đã đổi mật khẩu của lan; 0 phiên đăng nhập bị thu hồi.\n'
		});
		expect(runCli(db, ['user', 'revoke', 'lan', '--lang', 'en'])).toMatchObject({ status: 0, stdout: 'Revoked 0 session(s) of lan.\n' });
		expect(runCli(db, ['user', 'remove', 'lan'])).toMatchObject({ status: 0, stdout: 'Đã xóa tài khoản lan; 0 phiên đăng nhập bị thu hồi.\n' });
		expect(runCli(db, ['user', 'list']).stdout).toBe('Chưa có tài khoản nào.\n');
		expect(runCli(db, ['user', 'remove', 'lan'])).toMatchObject({ status: 1, stderr: 'Không có tài khoản «lan».\n' });
	});

	it('answers a missing action or name with the usage', () => {
		const result = runCli(tempDb(), ['user', 'add']);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('user add NAME --role');
	});
});

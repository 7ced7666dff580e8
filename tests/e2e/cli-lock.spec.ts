/**
 * While the server holds the database (DuckDB lets one process write), a
 * command-line import stops with a plain message, not a lock error or a stack trace.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runCli } from '../helpers/cli.ts';
import { startServer } from '../helpers/server.ts';

test('chiso import on the database a running server holds exits 3 with a plain Vietnamese message', async () => {
	const server = await startServer();
	try {
		const result = runCli(server.db, ['import', path.resolve('data/figures', 'pages-2012-2024.csv')]);
		expect(result.status).toBe(3);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim()).toBe(
			`Không mở được cơ sở dữ liệu ${server.db}: máy chủ chiso (hoặc một tiến trình khác) đang giữ tệp này, và mỗi lúc chỉ một tiến trình được ghi. ` +
				'Cách làm tiếp: dừng máy chủ rồi chạy lại lệnh, hoặc nhập tệp qua trang Nhập số liệu (/import) của máy chủ đang chạy.'
		);
		expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+|IO Error|lock on file/i);
	} finally {
		await server.stop();
	}
});

/** Test helper: points this test file's process at a fresh database file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Sets CHISO_DB to a new file in a temporary folder and returns its path. */
export function useTempDatabase(label: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `chiso-${label}-`));
	const file = path.join(dir, 'test.duckdb');
	process.env.CHISO_DB = file;
	return file;
}

/** Writes a fixture file into a temporary folder and returns its path. */
export function writeTempFile(name: string, content: string | Buffer): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-fixture-'));
	const file = path.join(dir, name);
	fs.writeFileSync(file, content);
	return file;
}

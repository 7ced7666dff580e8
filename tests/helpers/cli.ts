/** Test helper: runs the `chiso` command line as a user would, in a child process. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** Runs `chiso ARGS` against the database file `db`; `env` adds to (or, with undefined, removes from) the environment. */
export function runCli(db: string, args: string[], input?: string, env: Record<string, string | undefined> = {}): CliResult {
	const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/chiso.ts'), ...args, '--db', db], {
		cwd: ROOT,
		encoding: 'utf8',
		input,
		env: { ...process.env, CHISO_DB: undefined, CHISO_LANG: undefined, ...env }
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

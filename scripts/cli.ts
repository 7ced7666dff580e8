/**
 * The `chiso` commands, loaded by the entry (scripts/chiso.ts): `main` runs
 * one. Each command lives in scripts/commands/ and calls the same server
 * modules as the web pages. `--db PATH` (or CHISO_DB) picks the database file.
 */
import { BATCH_MEMORY_LIMIT, closeDatabase, databasePath } from '../src/lib/server/db.ts';
import { ensureDatabase } from '../src/lib/server/setup.ts';
import { ImportError, formatProblem } from '../src/lib/domain/import-problems.ts';
import { t } from '../src/lib/i18n/index.ts';
import '../src/lib/i18n/areas/import.ts';
import { commands } from './commands/index.ts';
import { UsageError } from './commands/command.ts';
import { commandLine } from './commands/command-line.ts';

function usage(): string {
	const lines = Object.values(commands).map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`);
	return ['Usage: npm run -s chiso -- <command> [--db PATH] [--lang vi|en]', '', ...lines].join('\n');
}

/** Runs the command that `argv` (the arguments after `chiso`) names; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
	process.env.CHISO_MEMORY_LIMIT ??= BATCH_MEMORY_LIMIT;
	const { db, name, args, locale } = commandLine(argv);
	if (db !== undefined) process.env.CHISO_DB = db;
	const command = name ? commands[name] : undefined;
	if (!command) {
		console.error(name && name !== 'help' && name !== '--help' ? `Unknown command: ${name}\n\n${usage()}` : usage());
		return name === 'help' || name === '--help' ? 0 : 2;
	}
	try {
		// Every command but init works on a ready database (built on first use, like the server's),
		// opened here unless the command opens it itself.
		if (command !== commands.init && !command.ownsDatabase) await ensureDatabase();
		return await command.run(args, { locale });
	} catch (error) {
		if (error instanceof ImportError) {
			for (const problem of error.problems) console.error(formatProblem(problem, locale));
			console.error(locale === 'vi' ? `${error.problems.length} lỗi; không ghi gì vào cơ sở dữ liệu.` : `${error.problems.length} problem(s); nothing was written.`);
			return 1;
		}
		const message = error instanceof Error ? error.message : String(error);
		if (/Could not set lock on file|Conflicting lock/i.test(message)) {
			console.error(t(locale, command.lockedMessage ?? 'cli.dbLocked', { path: databasePath() }));
			return 3;
		}
		if (error instanceof UsageError) {
			console.error(`${message}\n\n${command.usage}`);
			return 2;
		}
		throw error;
	} finally {
		await closeDatabase();
	}
}

import { closeDatabase, database, databasePath } from '../../src/lib/server/db.ts';
import { restoreStopped, verifyBackup } from '../../src/lib/server/backup.ts';
import { t } from '../../src/lib/i18n/index.ts';
import '../../src/lib/i18n/areas/backup.ts';
import { cliActor, parseOptions, UsageError, type Command } from './command.ts';
import { backupRefused } from './backup.ts';

export const restore: Command = {
	usage: 'restore FILE [--check]',
	summary: 'replace the database by a backup, checked first (server stopped); --check only checks the file',
	ownsDatabase: true,
	lockedMessage: 'backup.locked',
	async run(args, { locale }) {
		const { values, positionals } = parseOptions(args, { check: { type: 'boolean', default: false } });
		if (positionals.length !== 1) throw new UsageError('restore needs one FILE');
		const [file] = positionals;
		try {
			if (values.check) {
				const m = await verifyBackup(file);
				console.log(t(locale, 'backup.verified', { file, createdAt: m.createdAt, version: m.chisoVersion, level: m.migrationLevel, figures: m.tables.observations ?? 0, sha256: m.sha256 }));
				return 0;
			}
			await refuseIfHeld();
			const m = await restoreStopped(file, cliActor());
			console.log(t(locale, 'backup.restored', { file, path: databasePath(), createdAt: m.createdAt, figures: m.tables.observations ?? 0 }));
			return 0;
		} catch (error) {
			return backupRefused(error, locale);
		}
	}
};

/**
 * Opens and closes the database once, so that a running server (which holds
 * DuckDB's lock) stops the restore before anything is done: the lock error
 * goes up to the dispatcher (exit 3). A file that exists but cannot be opened
 * otherwise is what a restore is for, so that is no reason to stop.
 */
async function refuseIfHeld(): Promise<void> {
	try {
		await database();
	} catch (error) {
		if (/Could not set lock on file|Conflicting lock/i.test(String(error))) throw error;
	} finally {
		await closeDatabase();
	}
}

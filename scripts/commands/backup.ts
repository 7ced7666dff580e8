import { BackupError, createBackup } from '../../src/lib/server/backup.ts';
import { t, type Locale } from '../../src/lib/i18n/index.ts';
import '../../src/lib/i18n/areas/backup.ts';
import { cliActor, parseOptions, UsageError, type Command } from './command.ts';

/** Prints a refused backup in the interface language; the exit code 1. */
export function backupRefused(error: unknown, locale: Locale): number {
	if (!(error instanceof BackupError)) throw error;
	console.error(t(locale, error.key, error.params));
	return 1;
}

export const backup: Command = {
	usage: 'backup --out FILE',
	summary: 'write one checked backup file (.tar: Parquet export and manifest) of the whole database',
	lockedMessage: 'backup.lockedBackup',
	async run(args, { locale }) {
		const { values } = parseOptions(args, { out: { type: 'string' } });
		if (!values.out) throw new UsageError('backup needs --out FILE');
		try {
			const { file, bytes, manifest } = await createBackup(values.out, cliActor());
			console.log(
				t(locale, 'backup.done', {
					file,
					bytes,
					tables: Object.keys(manifest.tables).length,
					figures: manifest.tables.observations ?? 0,
					sha256: manifest.sha256
				})
			);
			return 0;
		} catch (error) {
			return backupRefused(error, locale);
		}
	}
};

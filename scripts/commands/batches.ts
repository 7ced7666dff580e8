import { listBatches } from '../../src/lib/server/import/batches.ts';
import { t } from '../../src/lib/i18n/index.ts';
import '../../src/lib/i18n/areas/import.ts';
import { parseOptions, type Command } from './command.ts';

export const batches: Command = {
	usage: 'batches',
	summary: 'list the import batches: file, figures, status (committed or undone), who and when',
	async run(args, { locale }) {
		parseOptions(args, {});
		const list = await listBatches();
		if (list.length === 0) {
			console.log(t(locale, 'batches.none'));
			return 0;
		}
		console.log(t(locale, 'batches.header'));
		for (const b of list) {
			const file = b.sheet ? `${b.fileName} [${b.sheet}]` : b.fileName;
			console.log(
				`${String(b.id).padStart(5)}  ${String(b.rowsTotal).padStart(7)}  ${b.status.padEnd(10)}  ${b.importedAt}  ${b.importedBy.padEnd(14)}  ${file}`
			);
		}
		return 0;
	}
};

import { BatchError, undoBatch } from '../../src/lib/server/import/batches.ts';
import { t } from '../../src/lib/i18n/index.ts';
import '../../src/lib/i18n/areas/import.ts';
import { cliActor, parseOptions, UsageError, type Command } from './command.ts';

export const undo: Command = {
	usage: 'undo BATCH',
	summary: 'remove a batch’s figures and restore what it replaced (one transaction)',
	async run(args, { locale }) {
		const { positionals } = parseOptions(args, {});
		if (positionals.length !== 1 || !/^\d+$/.test(positionals[0])) throw new UsageError('undo takes one batch number');
		const batch = Number(positionals[0]);
		try {
			const { removed, restored } = await undoBatch(batch, cliActor());
			console.log(t(locale, 'undo.done', { batch, removed, restored }));
			return 0;
		} catch (error) {
			if (!(error instanceof BatchError)) throw error;
			console.error(t(locale, error.key, error.params));
			return 1;
		}
	}
};

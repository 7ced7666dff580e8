import { ensureDatabase } from '../../src/lib/server/setup.ts';
import { databasePath } from '../../src/lib/server/db.ts';
import { parseOptions, type Command } from './command.ts';

export const init: Command = {
	usage: 'init [--empty]',
	summary: 'create the database: reference data, and the shipped figures unless --empty',
	async run(args) {
		const { values } = parseOptions(args, { empty: { type: 'boolean', default: false } });
		const results = await ensureDatabase({ empty: values.empty, shipped: !values.empty });
		for (const r of results) {
			console.log(`batch ${r.batchId}: ${r.rows} rows (${r.rowsNew} new, ${r.rowsUnchanged} unchanged)`);
		}
		console.log(`${databasePath()}: ready${results.length === 0 ? ' (nothing to import)' : ''}`);
		return 0;
	}
};

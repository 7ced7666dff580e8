import os from 'node:os';
import { importFile } from '../../src/lib/server/import/pipeline.ts';
import { parseOptions, UsageError, type Command } from './command.ts';

export const importCommand: Command = {
	usage: 'import FILE.csv [--source TEXT] [--replace] [--dry-run]',
	summary: 'import a canonical long CSV (index,year,unit,component,score,rank,rank_of,value_type,source,note)',
	async run(args, { locale }) {
		const { values, positionals } = parseOptions(args, {
			source: { type: 'string' },
			replace: { type: 'boolean', default: false },
			'dry-run': { type: 'boolean', default: false }
		});
		if (positionals.length !== 1) throw new UsageError('import takes exactly one file');
		const result = await importFile({
			file: positionals[0],
			source: values.source ?? null,
			importedBy: process.env.USER ?? os.userInfo().username,
			replace: values.replace,
			dryRun: values['dry-run']
		});
		const vi = locale === 'vi';
		if (result.status === 'already_imported') {
			console.log(vi ? `Tệp này đã được nhập (lô ${result.batchId}); không có gì thay đổi.` : `This file was already imported (batch ${result.batchId}); nothing changed.`);
			return 0;
		}
		const summary = vi
			? `${result.rows} dòng: ${result.rowsNew} mới, ${result.rowsUnchanged} không đổi, ${result.changed.length} thay đổi`
			: `${result.rows} rows: ${result.rowsNew} new, ${result.rowsUnchanged} unchanged, ${result.changed.length} changed`;
		for (const c of result.changed) {
			console.log(`  ${c.key.indexId} ${c.key.year} ${c.key.unitCode} ${c.key.componentId}: ${c.old.score ?? '∅'} #${c.old.rank ?? '∅'} → ${c.new.score ?? '∅'} #${c.new.rank ?? '∅'}`);
		}
		console.log(result.status === 'dry_run' ? `${summary}${vi ? ' (chạy thử, chưa ghi)' : ' (dry run, nothing written)'}` : `${summary}; ${vi ? 'lô' : 'batch'} ${result.batchId}`);
		return 0;
	}
};

import { EXPORT_FORMATS, exportObservations, type ExportFormat } from '../../src/lib/server/export.ts';
import { t } from '../../src/lib/i18n/index.ts';
import '../../src/lib/i18n/areas/import.ts';
import { parseOptions, UsageError, type Command } from './command.ts';

export const exportCommand: Command = {
	usage: 'export --format csv|parquet|arrow --out FILE',
	summary: 'write every figure in the canonical long format, sorted (re-importable)',
	async run(args, { locale }) {
		const { values } = parseOptions(args, { format: { type: 'string', default: 'csv' }, out: { type: 'string' } });
		if (!(EXPORT_FORMATS as readonly string[]).includes(values.format)) {
			throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
		}
		if (!values.out) throw new UsageError('export needs --out FILE');
		const rows = await exportObservations(values.format as ExportFormat, values.out);
		console.log(t(locale, 'export.done', { rows, file: values.out }));
		return 0;
	}
};

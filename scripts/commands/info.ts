import { query } from '../../src/lib/server/db.ts';
import { parseOptions, type Command } from './command.ts';

export const info: Command = {
	usage: 'info',
	summary: 'indices × years with the number of units that have a total, and the import batches',
	async run(args) {
		parseOptions(args, {});
		const years = await query<{ index_id: string; year: number; units: number; figures: number }>(
			`SELECT index_id, year,
			        count(DISTINCT unit_code) FILTER (WHERE component_id = 'total')::INTEGER AS units,
			        count(*)::INTEGER AS figures
			   FROM observations GROUP BY ALL ORDER BY index_id, year`
		);
		console.log('index      year  units  figures');
		for (const y of years) {
			console.log(`${y.index_id.padEnd(10)} ${y.year}  ${String(y.units).padStart(5)}  ${String(y.figures).padStart(7)}`);
		}
		const batches = await query<{ id: number; file_name: string; rows_total: number; status: string; imported_by: string; at: string }>(
			`SELECT id, file_name, rows_total, status, imported_by, strftime(imported_at, '%Y-%m-%d %H:%M') AS at
			   FROM import_batches ORDER BY id`
		);
		console.log('\nbatch  rows  status     imported             by              file');
		for (const b of batches) {
			console.log(`${String(b.id).padStart(5)} ${String(b.rows_total).padStart(5)}  ${b.status.padEnd(9)}  ${b.at}  ${b.imported_by.padEnd(14)}  ${b.file_name}`);
		}
		return 0;
	}
};

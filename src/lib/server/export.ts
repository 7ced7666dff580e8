/**
 * Export of every observation in the canonical long format, sorted, as CSV,
 * Parquet or Arrow IPC. Importing an export into an empty database gives the
 * same export back (byte for byte for CSV), which is how `undo` is tested.
 * Parquet and Arrow always carry the bound columns; a CSV carries them only
 * when a bound is stored, so that a database of figures alone exports the
 * figure columns, which the bulk import reads (bounds take the row path).
 */
import fs from 'node:fs';
import { CANONICAL_COLUMNS, FIGURE_COLUMNS } from '../domain/observation.ts';
import { formatExact } from '../domain/numbers.ts';
import { query, withConnection } from './db.ts';

export const EXPORT_FORMATS = ['csv', 'parquet', 'arrow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

// Units as codes and components as ids: both are exact, so the file reads back
// to the same keys (a name like "Quảng Ngãi" needs the year to be exact).
const CANONICAL_SELECT = `SELECT index_id AS "index", year, unit_code AS unit, component_id AS component, score,
	published_rank AS "rank", published_n AS rank_of, value_type, source, note,
	rank_min, rank_max, score_min, score_max, bound_group AS "group"
	FROM observations ORDER BY index_id, year, unit_code, component_id`;

type ExportRow = Record<(typeof CANONICAL_COLUMNS)[number], string | number | null>;

/** Writes all observations to `out`; returns how many. */
export async function exportObservations(format: ExportFormat, out: string): Promise<number> {
	if (format === 'parquet') {
		return withConnection(async (connection) => {
			// COPY takes no parameters: the path is quoted as an SQL string literal.
			await connection.run(`COPY (${CANONICAL_SELECT}) TO '${out.replace(/'/g, "''")}' (FORMAT parquet)`);
			const reader = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM observations');
			return reader.getRowObjectsJS()[0].n as number;
		});
	}
	const rows = await query<ExportRow>(CANONICAL_SELECT);
	const [{ bounds }] = await query<{ bounds: boolean }>(
		'SELECT EXISTS (SELECT 1 FROM observations WHERE score IS NULL AND published_rank IS NULL OR rank_min IS NOT NULL OR rank_max IS NOT NULL OR score_min IS NOT NULL OR score_max IS NOT NULL OR bound_group IS NOT NULL) AS bounds'
	);
	fs.writeFileSync(out, format === 'csv' ? toCsv(rows, bounds ? CANONICAL_COLUMNS : FIGURE_COLUMNS) : await toArrow(rows));
	return rows.length;
}

function csvCell(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return formatExact(value);
	return /[",\n\r;]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(rows: ExportRow[], columns: readonly (typeof CANONICAL_COLUMNS)[number][]): string {
	const lines = rows.map((r) => columns.map((c) => csvCell(r[c])).join(','));
	return [columns.join(','), ...lines].join('\n') + '\n';
}

async function toArrow(rows: ExportRow[]): Promise<Uint8Array> {
	// Loaded for an Arrow export only: every command, `chiso briefing` among them, paid about 0.1 s of CPU at start for it.
	const { Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } = await import('apache-arrow');
	const column = <T>(name: (typeof CANONICAL_COLUMNS)[number]) => rows.map((r) => r[name] as T | null);
	const table = new Table({
		index: vectorFromArray(column<string>('index'), new Utf8()),
		year: vectorFromArray(column<number>('year'), new Int32()),
		unit: vectorFromArray(column<string>('unit'), new Utf8()),
		component: vectorFromArray(column<string>('component'), new Utf8()),
		score: vectorFromArray(column<number>('score'), new Float64()),
		rank: vectorFromArray(column<number>('rank'), new Int32()),
		rank_of: vectorFromArray(column<number>('rank_of'), new Int32()),
		value_type: vectorFromArray(column<string>('value_type'), new Utf8()),
		source: vectorFromArray(column<string>('source'), new Utf8()),
		note: vectorFromArray(column<string>('note'), new Utf8()),
		rank_min: vectorFromArray(column<number>('rank_min'), new Int32()),
		rank_max: vectorFromArray(column<number>('rank_max'), new Int32()),
		score_min: vectorFromArray(column<number>('score_min'), new Float64()),
		score_max: vectorFromArray(column<number>('score_max'), new Float64()),
		group: vectorFromArray(column<string>('group'), new Utf8())
	});
	return tableToIPC(table, 'file');
}

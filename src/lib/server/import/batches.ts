/**
 * Import batches: the list shown by `chiso batches` (and later the web page),
 * and undo, which removes a batch's figures and puts back what it replaced,
 * in one transaction.
 */
import type { MessageKey } from '../../i18n/index.ts';
import '../../i18n/areas/import.ts';
import { query, rowsOn, transaction } from '../db.ts';
import { recordAudit, type Actor } from '../audit.ts';
import { refreshRanks } from '../queries/rank-refresh.ts';
import { OBSERVATION_COLUMNS } from './pipeline.ts';

export interface Batch {
	id: number;
	fileName: string;
	sheet: string | null;
	rowsTotal: number;
	rowsNew: number;
	rowsChanged: number;
	rowsUnchanged: number;
	source: string | null;
	importedBy: string;
	importedAt: string;
	status: 'committed' | 'undone';
}

/** A batch that cannot be undone, with the message that says why. */
export class BatchError extends Error {
	constructor(
		readonly key: MessageKey,
		readonly params: Record<string, string | number>
	) {
		super(`${key} ${JSON.stringify(params)}`);
		this.name = 'BatchError';
	}
}

/** Every batch, oldest first. */
export async function listBatches(): Promise<Batch[]> {
	const rows = await query(
		`SELECT id, file_name, sheet, rows_total, rows_new, rows_changed, rows_unchanged, source, imported_by,
		        strftime(imported_at, '%Y-%m-%d %H:%M') AS imported_at, status
		   FROM import_batches ORDER BY id`
	);
	return rows.map((b) => ({
		id: b.id as number, fileName: b.file_name as string, sheet: b.sheet as string | null, rowsTotal: b.rows_total as number,
		rowsNew: b.rows_new as number, rowsChanged: b.rows_changed as number, rowsUnchanged: b.rows_unchanged as number,
		source: b.source as string | null, importedBy: b.imported_by as string, importedAt: b.imported_at as string,
		status: b.status as Batch['status']
	}));
}

/**
 * Undoes a committed batch: deletes the figures it wrote and restores those it
 * replaced from history. Refused when a later batch replaced some of its
 * figures (undo that one first), so that history never points at nothing.
 * Audited as done by `by`.
 */
export async function undoBatch(id: number, by: Actor): Promise<{ removed: number; restored: number }> {
	return transaction(async (connection) => {
		const [batch] = await rowsOn(connection, "SELECT id FROM import_batches WHERE id = $1 AND status = 'committed'", [id]);
		if (!batch) throw new BatchError('undo.unknown', { batch: id });
		const [later] = await rowsOn<{ later: number | null }>(
			connection,
			`SELECT min(h.replaced_by_batch) AS later FROM observation_history h
			   JOIN import_batches b ON b.id = h.replaced_by_batch AND b.status = 'committed'
			  WHERE h.batch_id = $1`,
			[id]
		);
		if (later.later !== null) throw new BatchError('undo.later', { batch: id, later: later.later });
		const [removed] = await rowsOn<{ n: number }>(
			connection,
			'SELECT count(*)::INTEGER AS n FROM observations WHERE batch_id = $1',
			[id]
		);
		// The years whose ranks change: those of the figures removed and of those put back.
		await connection.run(
			`CREATE OR REPLACE TEMP TABLE undo_scope AS
			 SELECT DISTINCT index_id, year FROM observations WHERE batch_id = $1
			 UNION SELECT index_id, year FROM observation_history WHERE replaced_by_batch = $1`,
			[id]
		);
		await connection.run('DELETE FROM observations WHERE batch_id = $1', [id]);
		const [restored] = await rowsOn<{ n: number }>(
			connection,
			'SELECT count(*)::INTEGER AS n FROM observation_history WHERE replaced_by_batch = $1',
			[id]
		);
		await connection.run(
			`INSERT INTO observations (${OBSERVATION_COLUMNS})
			 SELECT ${OBSERVATION_COLUMNS} FROM observation_history WHERE replaced_by_batch = $1`,
			[id]
		);
		await connection.run('DELETE FROM observation_history WHERE replaced_by_batch = $1', [id]);
		await connection.run("UPDATE import_batches SET status = 'undone' WHERE id = $1", [id]);
		await refreshRanks(connection, 'SELECT index_id, year FROM temp.undo_scope');
		await connection.run('DROP TABLE temp.undo_scope');
		await recordAudit(connection, { kind: 'undo', actor: by, target: id, detail: { removed: removed.n, restored: restored.n } });
		return { removed: removed.n, restored: restored.n };
	});
}

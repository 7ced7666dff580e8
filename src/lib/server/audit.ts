/**
 * The audit trail (migration 12): who did which write, when, from which
 * address, and what it touched. Every write module calls `recordAudit` on the
 * connection of its own transaction, so an entry exists exactly when its
 * change was committed. Read by /admin/audit and `chiso audit`.
 *
 * The trail is append-only as far as the application goes: this module is the
 * only one that names `audit_log`, and it only inserts and selects
 * (tests/unit/lib/server/audit.test.ts fails if any other SQL in src/ or
 * scripts/ touches the table). Anyone with the database file can still change
 * it; that is what file permissions and backups are for.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { query, rowsOn, sqlTime } from './db.ts';
import type { AuditDetail, AuditFilter, AuditKind } from '../domain/audit.ts';

/** The trail's table, named for the restore, which must leave it as it is (backup.ts). */
export const AUDIT_TABLE = 'audit_log';

/**
 * For `chiso restore`, which builds a new database file from a backup: appends
 * the entries of the database being replaced (attached as `from`) that are
 * newer than the new file's last one, so the record of what was done since the
 * backup survives the restore. Insert only, like every write to the trail.
 * Returns the last id, for the sequence to continue after.
 */
export async function carryAuditTrail(connection: DuckDBConnection, from: string): Promise<number | null> {
	await connection.run(
		`INSERT INTO audit_log BY NAME SELECT * FROM ${from}.main.audit_log
		  WHERE id > (SELECT coalesce(max(id), 0) FROM main.audit_log)`
	);
	const [row] = await rowsOn<{ last: number | null }>(connection, 'SELECT max(id)::DOUBLE AS last FROM main.audit_log');
	return row?.last ?? null;
}

/** Who made a write: an account name (or, on the command line, the system user) and the client's address, null on the command line. */
export interface Actor {
	name: string;
	address: string | null;
}

export type { AuditDetail } from '../domain/audit.ts';

export interface AuditEntryInput {
	kind: AuditKind;
	actor: Actor;
	/** What the write acted on: a batch number, a plan id, an account name. */
	target?: string | number | null;
	detail?: AuditDetail;
	/** Defaults to now; tests pass a clock. */
	at?: Date;
}

export interface AuditEntry {
	id: number;
	/** `YYYY-MM-DD HH:MM:SS`, UTC. */
	at: string;
	actor: string;
	address: string | null;
	kind: AuditKind;
	target: string | null;
	detail: AuditDetail;
}

/**
 * Appends one entry on `connection`, which must be inside the transaction of
 * the change it records: if that transaction rolls back, so does the entry.
 * For the backup code: `transaction((c) => recordAudit(c, { kind: 'backup', … }))`.
 */
export async function recordAudit(connection: DuckDBConnection, entry: AuditEntryInput): Promise<void> {
	await connection.run(
		`INSERT INTO audit_log (happened_at, actor, address, kind, target, detail)
		 VALUES ($at::TIMESTAMP, $actor, $address, $kind, $target, $detail::JSON)`,
		{
			at: sqlTime(entry.at ?? new Date()),
			actor: entry.actor.name,
			address: entry.actor.address,
			kind: entry.kind,
			target: entry.target === undefined || entry.target === null ? null : String(entry.target),
			detail: JSON.stringify(entry.detail ?? {})
		}
	);
}

/** The WHERE clause and its named parameters for `filter` (every condition optional; days are UTC and both ends included). */
export function auditConditions(filter: AuditFilter): { where: string; params: Record<string, string> } {
	const conditions: string[] = [];
	const params: Record<string, string> = {};
	if (filter.kind) {
		conditions.push('kind = $kind');
		params.kind = filter.kind;
	}
	if (filter.user) {
		conditions.push('actor = $user');
		params.user = filter.user;
	}
	if (filter.since) {
		conditions.push('happened_at >= $since::TIMESTAMP');
		params.since = `${filter.since} 00:00:00`;
	}
	if (filter.until) {
		conditions.push('happened_at < $until::TIMESTAMP + INTERVAL 1 DAY');
		params.until = `${filter.until} 00:00:00`;
	}
	return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/**
 * The entries matching `filter`, newest first: `limit` of them from `offset`
 * (all when `limit` is null), and how many match in all.
 */
export async function listAudit(filter: AuditFilter, limit: number | null, offset = 0): Promise<{ entries: AuditEntry[]; total: number }> {
	const { where, params } = auditConditions(filter);
	const page = limit === null ? '' : 'LIMIT $limit OFFSET $offset';
	const [rows, [count]] = await Promise.all([
		query<{ id: number; at: string; actor: string; address: string | null; kind: AuditKind; target: string | null; detail: string }>(
			`SELECT id::INTEGER AS id, strftime(happened_at, '%Y-%m-%d %H:%M:%S') AS at, actor, address, kind, target, detail::VARCHAR AS detail
			   FROM audit_log ${where} ORDER BY happened_at DESC, id DESC ${page}`,
			limit === null ? params : { ...params, limit, offset }
		),
		query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM audit_log ${where}`, params)
	]);
	return { entries: rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as AuditDetail })), total: count.n };
}

/** Every name that appears as an actor, for the filter's list. */
export async function auditActors(): Promise<string[]> {
	const rows = await query<{ actor: string }>('SELECT DISTINCT actor FROM audit_log ORDER BY actor');
	return rows.map((r) => r.actor);
}

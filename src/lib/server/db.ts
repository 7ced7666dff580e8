/**
 * The DuckDB connection of this process. Opened lazily (never at import time:
 * `vite build` evaluates server modules), migrated on first use. Reads and
 * writes each get their own connection, so an import's open transaction is
 * never seen by a page being rendered at the same moment.
 */
import path from 'node:path';
import fs from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from './duckdb.ts';
import { migrate } from './migrations.ts';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** A timestamp as DuckDB reads it (UTC, no zone). */
export function sqlTime(at: Date): string {
	return at.toISOString().replace('T', ' ').replace('Z', '');
}

/** Where the database lives: `CHISO_DB`, else `data/chiso.duckdb` under the working directory. */
export function databasePath(): string {
	return path.resolve(process.env.CHISO_DB ?? path.join('data', 'chiso.duckdb'));
}

/**
 * DuckDB's own settings from the environment: `CHISO_MEMORY_LIMIT` (default
 * 320MB: with Node's own heap the server stays under 500 MB at commune scale;
 * sorts and joins beyond it, a large import's staging among them, spill to
 * `<db>.tmp/` instead of growing with the file) and `CHISO_THREADS` (default:
 * DuckDB's, one per core).
 */
export function databaseOptions(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
	const options: Record<string, string> = { memory_limit: env.CHISO_MEMORY_LIMIT?.trim() || '320MB' };
	const threads = env.CHISO_THREADS?.trim();
	if (threads) {
		if (!/^[1-9]\d{0,2}$/.test(threads)) throw new Error(`CHISO_THREADS must be a whole number of threads, not "${threads}"`);
		options.threads = threads;
	}
	return options;
}

/**
 * The memory cap of a command-line process (unless CHISO_MEMORY_LIMIT says
 * otherwise): it runs one import and exits, so it may use more than the
 * long-running server, and a 5 M-row file spills less (issue #8). 800 MB, not
 * 1 GB: the process's peak in a 5 M-figure import fell from 1,223 to 1,032 MB
 * with no slower import, and `read_csv` alone was no slower either (issue 16's
 * goal: 1.2 GB).
 */
export const BATCH_MEMORY_LIMIT = '800MB';

let opening: Promise<DuckDBInstance> | null = null;
let openedPath: string | null = null;

/** The process's database instance, opened and migrated on first call. */
export function database(): Promise<DuckDBInstance> {
	const wanted = databasePath();
	if (opening && openedPath === wanted) return opening;
	if (opening) throw new Error(`database already open at ${openedPath}; close it before opening ${wanted}`);
	openedPath = wanted;
	opening = (async () => {
		fs.mkdirSync(path.dirname(wanted), { recursive: true });
		const instance = await DuckDBInstance.create(wanted, databaseOptions());
		const connection = await instance.connect();
		try {
			await migrate(connection);
		} finally {
			connection.closeSync();
		}
		return instance;
	})();
	opening.catch(() => {
		opening = null;
		openedPath = null;
	});
	return opening;
}

const memos = new Map<string, Promise<unknown>>();
/**
 * Bumped when a writer's COMMIT starts and again when it has ended, so a
 * reader that sees the same count on both sides of its snapshot's start knows
 * no commit touched it: DuckDB applies a COMMIT before the writer's next line
 * runs, so a snapshot taken in that window may hold the new figures while the
 * memos still hold the old ones (issue 19).
 */
let generation = 0;

/**
 * A gate many may pass at once while it is open, and one holder at a time
 * closes: `hold` closes it, waits until everyone passing has gone through,
 * runs alone, then opens it again; `pass` waits while it is closed. The
 * commit gate (reads pass, a COMMIT holds) and the write gate (write
 * transactions pass, a restore holds) are both one.
 */
class Gate {
	private closed: Promise<void> | null = null;
	private inFlight = 0;
	private drained: (() => void) | null = null;

	/** Runs `fn` once the gate is open, counted as passing until it ends. */
	async pass<T>(fn: () => Promise<T>): Promise<T> {
		while (this.closed) await this.closed;
		this.inFlight++;
		try {
			return await fn();
		} finally {
			if (--this.inFlight === 0) this.drained?.();
		}
	}

	/** Runs `fn` with the gate closed, once no one is passing; one holder at a time. */
	async hold<T>(fn: () => Promise<T>): Promise<T> {
		while (this.closed) await this.closed;
		let open!: () => void;
		this.closed = new Promise((resolve) => (open = resolve));
		try {
			if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
			this.drained = null;
			return await fn();
		} finally {
			this.closed = null;
			open();
		}
	}
}

/**
 * Closed while a writer's COMMIT is applied. DuckDB 1.5.6 lets a scan that
 * runs during another connection's COMMIT see rows of both states, whatever
 * its snapshot (issue 19: a unit's 20 figures read back as 40, from two
 * batches; `tests/unit/lib/server/db.test.ts` reproduces it without the gate).
 * So reads wait while it is closed, and a COMMIT waits for the reads in flight.
 */
const commitGate = new Gate();

/** Runs one read (a query, or a snapshot's pin) outside any writer's COMMIT. */
const gatedRead = <T>(read: () => Promise<T>): Promise<T> => commitGate.pass(read);

/** Runs `commit` (a writer's COMMIT and its bookkeeping) while no read runs, one writer at a time. */
const gatedCommit = (commit: () => Promise<void>): Promise<void> => commitGate.hold(commit);

/**
 * Held by a restore (`exclusiveTransaction`): write transactions wait at their
 * BEGIN while it is closed, and it closes only once those in flight have
 * ended, so no import diffed against the old state commits on top of the
 * restored one.
 */
const writeGate = new Gate();

/**
 * Runs `read` on its own connection while no writer's COMMIT can start: for a
 * long read that must see one state throughout (a backup's EXPORT DATABASE).
 * Pages keep reading meanwhile; commits wait until it ends (issue 19's gate).
 */
export function withCommitsHeld<T>(read: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
	return withConnection((connection) => gatedRead(() => read(connection)));
}

/**
 * Runs `fn` in one write transaction once every other write transaction has
 * ended, with new ones waiting until it has committed or rolled back. Its
 * COMMIT passes the commit gate like any other, so pages read the state from
 * before it or after it, never a mix (a restore on the running server).
 */
export async function exclusiveTransaction<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
	return writeGate.hold(() => withConnection((connection) => runTransaction(connection, fn, true)));
}

/**
 * `load()`'s result, kept until the next committed transaction or close: for
 * reference look-ups and what the rank refresh stored (units, catalogue,
 * plans, the years of an index) that every page would otherwise read again.
 * Only `transaction` writes them, and each commit clears every memo as it
 * starts and as it ends. A page's snapshot uses and fills the memos only when
 * no commit was in flight while it was taken and none has started since;
 * otherwise it loads from its own snapshot without keeping.
 */
export function memoised<T>(key: string, load: () => Promise<T>): Promise<T> {
	const reader = snapshot.getStore();
	if (reader && (!reader.keepsMemos || reader.generation !== generation)) return load();
	let value = memos.get(key) as Promise<T> | undefined;
	if (!value) {
		value = load();
		memos.set(key, value);
		value.catch(() => memos.delete(key));
	}
	return value;
}

/**
 * How many page-shaped results `memoisedPage` keeps: enough for every page of
 * a province (63 units × a few pages × two languages), few enough that 10,000
 * communes read in turn cannot fill the server's memory (issue 16).
 */
export const PAGE_MEMO_LIMIT = 400;
const pageMemos = new Map<string, Promise<unknown>>();

/**
 * `memoised` for a result of one request's shape (a unit's index page in a
 * year and language): the same rules, but only the `PAGE_MEMO_LIMIT` most
 * recently used are kept, the least recently used dropped first. Callers must
 * not change what it returns: the next request gets the same object.
 */
export function memoisedPage<T>(key: string, load: () => Promise<T>): Promise<T> {
	const reader = snapshot.getStore();
	if (reader && (!reader.keepsMemos || reader.generation !== generation)) return buildInTurn(load);
	let value = pageMemos.get(key) as Promise<T> | undefined;
	if (value) pageMemos.delete(key);
	else {
		value = buildInTurn(load);
		value.catch(() => pageMemos.delete(key));
	}
	// Map keeps insertion order: re-inserting marks it the most recently used, the first key is the oldest.
	pageMemos.set(key, value);
	if (pageMemos.size > PAGE_MEMO_LIMIT) pageMemos.delete(pageMemos.keys().next().value!);
	return value;
}

/**
 * How many page results are built at once (what `memoisedPage` loads when it
 * does not hold the page); more wait their turn, in order. Building a
 * commune's page reads and shapes thousands of rows: twenty at once took the
 * server to 915 MB (issue 16; 4 at once: 657 MB), and on two cores more at once finish no sooner.
 * `CHISO_PAGE_BUILDS` changes it (a machine with more cores and memory).
 */
export function pageBuildsAtOnce(env: NodeJS.ProcessEnv = process.env): number {
	const text = env.CHISO_PAGE_BUILDS?.trim();
	if (!text) return 4;
	if (!/^[1-9]\d{0,3}$/.test(text)) throw new Error(`CHISO_PAGE_BUILDS must be a whole number of pages, not "${text}"`);
	return Number(text);
}
const PAGE_BUILDS_AT_ONCE = pageBuildsAtOnce();
let buildsRunning = 0;
const buildQueue: (() => void)[] = [];
/** Set inside a build: a build that asks for another page's result (nested) goes on in its own turn, never waits for one. */
const insideBuild = new AsyncLocalStorage<true>();

/** Runs `load` once fewer than `PAGE_BUILDS_AT_ONCE` builds run; a finished build hands its turn to the next in line. */
async function buildInTurn<T>(load: () => Promise<T>): Promise<T> {
	if (insideBuild.getStore()) return load();
	if (buildsRunning < PAGE_BUILDS_AT_ONCE) buildsRunning++;
	else await new Promise<void>((resolve) => buildQueue.push(resolve));
	try {
		return await insideBuild.run(true, load);
	} finally {
		const next = buildQueue.shift();
		if (next) next();
		else buildsRunning--;
	}
}

/**
 * The commit count that what the current snapshot reads belongs to, when it
 * may be kept beyond the request (the rules of `memoised`): null outside a
 * snapshot, or when a commit began or ended while it was being taken.
 */
export function keepableGeneration(): number | null {
	const reader = snapshot.getStore();
	return reader && reader.keepsMemos && reader.generation === generation ? reader.generation : null;
}

/** Whether something read at commit count `kept` still shows the database: no commit has begun since. */
export function isCurrentGeneration(kept: number): boolean {
	return kept === generation;
}

/** Drops every memo (a commit begins or ends, the database closes). */
function clearMemos(): void {
	memos.clear();
	pageMemos.clear();
}

/** Closes the database (CLI and tests; the server keeps it open). */
export async function closeDatabase(): Promise<void> {
	generation++;
	clearMemos();
	if (!opening) return;
	const instance = await opening.catch(() => null);
	opening = null;
	openedPath = null;
	instance?.closeSync();
}

/** Runs `fn` with a connection of its own, closed afterwards. */
export async function withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
	const connection = await (await database()).connect();
	try {
		return await fn(connection);
	} finally {
		connection.closeSync();
	}
}

/** A page's read transaction: its connection, the commit count when it began, and whether it may use the memos. */
const snapshot = new AsyncLocalStorage<{ connection: DuckDBConnection; generation: number; keepsMemos: boolean }>();

/**
 * Pins a read transaction's snapshot. DuckDB takes it at the transaction's
 * first read of a table, not at BEGIN (`SELECT 1` takes none): without this a
 * page could consult the memos, then have a commit land before its first query.
 */
const PIN_SNAPSHOT = 'SELECT count(*) FROM schema_migrations';

/**
 * Runs `fn` with every `query` inside it reading one snapshot of the database:
 * one connection in one read transaction. A page is built from several
 * queries; rendered while an import commits, it shows the figures from before
 * the import or those after it, never some of each. Writers (`transaction`)
 * keep their own connections; a `query` that writes inside a snapshot is
 * committed with it, never dropped.
 */
export function readSnapshot<T>(fn: () => Promise<T>): Promise<T> {
	const begun = generation;
	// Its own COMMIT clears no memo: what it wrote, if anything, is no reference data.
	return withConnection((connection) =>
		transactionOn(
			connection,
			async () => {
				await gatedRead(() => connection.run(PIN_SNAPSHOT));
				// The pin waits out a commit in flight, whose end bumps the count: an unchanged count means
				// no commit began or ended since `begun`, and the snapshot holds exactly the memos' state.
				const keepsMemos = generation === begun;
				return snapshot.run({ connection, generation: begun, keepsMemos }, fn);
			},
			false
		)
	);
}

/**
 * Runs one read query and returns plain JS rows. Cast BIGINTs in the SQL to get numbers.
 * `key` names each row's property after its column (the column's own name by default).
 */
export function query<T extends Row = Row>(sql: string, params?: Params, key?: (column: string) => string): Promise<T[]> {
	const shared = snapshot.getStore();
	if (shared) return gatedRead(() => rowsOn<T>(shared.connection, sql, params, key));
	return gatedRead(() => withConnection((connection) => rowsOn<T>(connection, sql, params, key)));
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Runs one read query and returns rows keyed in camelCase (`unit_code` →
 * `unitCode`), typed as the caller says: SQL names stay SQL, TypeScript names
 * stay TypeScript, without a hand-written mapper per query.
 */
export async function queryCamel<T>(sql: string, params?: Params): Promise<T[]> {
	// Each column's name converted once, not once a row (a commune briefing reads tens of thousands of rows).
	return (await query(sql, params, camel)) as T[];
}

/** A connection the caller closes (one that holds TEMP tables across calls: an import being prepared). */
export async function openConnection(): Promise<DuckDBConnection> {
	return (await database()).connect();
}

/**
 * Runs `fn` inside one transaction on its own connection: all of it is
 * committed, or on any error none of it.
 */
export function transaction<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
	return withConnection((connection) => transactionOn(connection, fn));
}

/** Runs `fn` inside one transaction on the given connection; its commit drops the memos unless `writes` is false. */
export async function transactionOn<T>(
	connection: DuckDBConnection,
	fn: (connection: DuckDBConnection) => Promise<T>,
	writes = true
): Promise<T> {
	if (!writes) return runTransaction(connection, fn, false);
	return writeGate.pass(() => runTransaction(connection, fn, true));
}

/** BEGIN, `fn`, then COMMIT (through the commit gate when it wrote) or ROLLBACK on any error. */
async function runTransaction<T>(
	connection: DuckDBConnection,
	fn: (connection: DuckDBConnection) => Promise<T>,
	writes: boolean
): Promise<T> {
	await connection.run('BEGIN TRANSACTION');
	let result: T;
	try {
		result = await fn(connection);
	} catch (error) {
		await connection.run('ROLLBACK');
		throw error;
	}
	if (!writes) {
		await connection.run('COMMIT');
		return result;
	}
	await gatedCommit(async () => {
		generation++;
		clearMemos();
		try {
			await connection.run('COMMIT');
			await pauseAfterCommitForTests();
		} catch (error) {
			await connection.run('ROLLBACK');
			throw error;
		} finally {
			generation++;
			clearMemos();
		}
	});
	return result;
}

/**
 * Widens the window between a COMMIT taking effect and the writer's
 * bookkeeping, so the race of issue 19 can be reproduced on purpose
 * (`scripts/stress-snapshots.ts`, tests/unit/lib/server/db.test.ts). Unset
 * everywhere else.
 */
async function pauseAfterCommitForTests(): Promise<void> {
	const ms = Number(process.env.CHISO_TEST_COMMIT_PAUSE_MS ?? 0);
	if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads rows on a given connection (inside a transaction); `key` names a row's property after its column. */
export async function rowsOn<T extends Row = Row>(
	connection: DuckDBConnection,
	sql: string,
	params?: Params,
	key: (column: string) => string = (column) => column
): Promise<T[]> {
	const reader = await connection.runAndReadAll(sql, params);
	// Converted a column at a time, then zipped: the same values and names as
	// `getRowObjectsJS`, several times faster (10,000 units: 15 ms, not 60).
	const columns = Object.entries(reader.getColumnsObjectJS()).map(([name, values]) => [key(name), values] as const);
	const rows: Row[] = new Array(reader.currentRowCount);
	for (let i = 0; i < rows.length; i++) {
		const row: Row = {};
		for (const [name, values] of columns) row[name] = values[i];
		rows[i] = row;
	}
	return rows as T[];
}

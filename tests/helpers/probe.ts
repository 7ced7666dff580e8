/**
 * Test helper: a one-value table, `probe`, that a test writes in transactions
 * of their own and reads back, to see which state of the database a read,
 * a memo or a kept answer shows (db.test.ts, answer-cache.test.ts).
 */
import { query, transaction } from '../../src/lib/server/db.ts';

/** Creates `probe` holding the value 1, in the database CHISO_DB names. */
export const createProbe = () =>
	transaction(async (c) => {
		await c.run('CREATE TABLE probe (v INTEGER)');
		await c.run('INSERT INTO probe VALUES (1)');
	});

/** The probe's value, read through `query` (so inside a snapshot when there is one). */
export const readProbe = async () => (await query<{ v: number }>('SELECT max(v)::INTEGER AS v FROM probe'))[0].v;

/** Sets the probe's value in a writer's transaction of its own. */
export const writeProbe = (v: number) => transaction((c) => c.run(`UPDATE probe SET v = ${v}`));

/**
 * The binding as the server modules get it (loaded through require): the
 * package's own classes and helpers, working.
 */
import { describe, expect, it } from 'vitest';
import * as binding from '@duckdb/node-api';
import { DuckDBInstance, listValue } from '../../../../src/lib/server/duckdb.ts';

describe('duckdb', () => {
	it('is the package itself: an in-memory database runs a query with a list parameter', async () => {
		expect(DuckDBInstance).toBe(binding.DuckDBInstance);
		const instance = await DuckDBInstance.create(':memory:');
		const connection = await instance.connect();
		const reader = await connection.runAndReadAll('SELECT list_sum($1::INTEGER[])::INTEGER AS s', [listValue([2, 3, 4])]);
		expect(reader.getRowObjectsJS()).toEqual([{ s: 9 }]);
		connection.closeSync();
		instance.closeSync();
	});
});

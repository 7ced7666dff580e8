/**
 * DuckDB's Node binding, as every server module uses it. Loaded through
 * `require`, not `import`: importing a CommonJS package from an ES module
 * makes Node scan it and each file it re-exports for export names first,
 * which cost 140 of the 240 ms of CPU that loading took, at every start of
 * the server and of every command (issue 16; Playwright is loaded so too).
 */
import { createRequire } from 'node:module';
import type * as DuckDB from '@duckdb/node-api';

const duckdb: typeof DuckDB = createRequire(import.meta.url)('@duckdb/node-api');

export const { DuckDBInstance, listValue } = duckdb;
export type DuckDBInstance = DuckDB.DuckDBInstance;
export type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/** What every `chiso` command provides, and the error for wrong arguments. */
import os from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { findIndex, type IndexDef } from '../../src/lib/domain/catalogue.ts';
import type { Locale, MessageKey } from '../../src/lib/i18n/index.ts';
import type { Actor } from '../../src/lib/server/audit.ts';
import { loadCatalogue } from '../../src/lib/server/reference.ts';

/** Who runs the command: the system user, recorded with batches, plans and the audit trail. */
export const currentUser = () => process.env.USER ?? os.userInfo().username;

/** The command line as the audit trail records it: the system user, and no network address. */
export const cliActor = (): Actor => ({ name: currentUser(), address: null });

export interface CommandContext {
	locale: Locale;
}

export interface Command {
	usage: string;
	summary: string;
	/** True when the command opens the database itself (or never), instead of the dispatcher opening it first. */
	ownsDatabase?: boolean;
	/** What to say (with `{path}`) when a running server holds the database; default `cli.dbLocked`. */
	lockedMessage?: MessageKey;
	/** Runs the command; resolves to the process exit code. */
	run(args: string[], context: CommandContext): Promise<number>;
}

/** Wrong arguments to a command: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** node:util parseArgs with `--lang` always accepted and errors turned into UsageError. */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
	try {
		return parseArgs({ args, options: { ...options, lang: { type: 'string' } }, allowPositionals: true, strict: true });
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
}

/** The value of an option the command cannot run without; UsageError "--NAME is required" when it is missing or empty. */
export function required(values: Record<string, unknown>, name: string): string {
	const value = values[name];
	if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
	return value;
}

/** `--year` as a number (undefined when not given); UsageError unless it is a 4-digit year. */
export function yearOption(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	if (!/^\d{4}$/.test(text)) throw new UsageError(`--year must be a 4-digit year, not “${text}”`);
	return Number(text);
}

/** The catalogue's index named by `--index` (its id, any case), with the known ids on a miss. */
export async function resolveIndex(name: string | undefined): Promise<IndexDef> {
	if (!name) throw new UsageError('--index is required');
	const { indices } = await loadCatalogue();
	const index = findIndex(indices, name);
	if (!index) throw new UsageError(`unknown index “${name}”; known: ${indices.map((i) => i.id).join(', ')}`);
	return index;
}

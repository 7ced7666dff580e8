/** How `chiso` reads its own arguments, for the entry (scripts/chiso.ts) and `main` (scripts/cli.ts) alike. */
import { toLocale, type Locale } from '../../src/lib/i18n/index.ts';

/**
 * The arguments after `chiso` taken apart: `--db PATH` (anywhere), the
 * command's name, its own arguments, and the interface language (`--lang`
 * among them, else CHISO_LANG).
 */
export function commandLine(argv: string[]): { db: string | undefined; name: string | undefined; args: string[]; locale: Locale } {
	const rest = [...argv];
	const dbAt = rest.indexOf('--db');
	const db = dbAt >= 0 ? rest.splice(dbAt, 2)[1] : undefined;
	const [name, ...args] = rest;
	const langAt = args.indexOf('--lang');
	return { db, name, args, locale: toLocale(langAt >= 0 ? args[langAt + 1] : process.env.CHISO_LANG) };
}

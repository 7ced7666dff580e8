/**
 * `chiso briefing --unit NAME --year Y --out FILE.pdf`: the printable
 * briefing as a PDF. One code path with the "Tải PDF" button: Chromium
 * prints the `/briefing` page of a chiso server (`printInTab`).
 * Without `--server`, the command starts the built server inside this
 * process on a free loopback port, against the same database file: DuckDB
 * lets one process write a file, so the command first closes its own
 * handle. With a server already running on that file, `--server URL` prints
 * from it instead of fighting it for the file. Chromium is not closed here:
 * the entry (scripts/chiso.ts) exits as soon as the command returns.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { closeDatabase } from '../../src/lib/server/db.ts';
import { ensureDatabase } from '../../src/lib/server/setup.ts';
import { BriefingInputError, resolveBriefingRequest } from '../../src/lib/server/briefing.ts';
import { openTab, PdfExportError, printInTab } from '../../src/lib/server/briefing-pdf.ts';
import { briefingBrowser } from './briefing-browser.ts';
import { formatNumber, t, type Locale } from '../../src/lib/i18n/index.ts';
import '../../src/lib/i18n/areas/briefing.ts';
import { parseOptions, required, UsageError, type Command } from './command.ts';

/**
 * The folder of the installation: the nearest one above this module holding
 * package.json. The module runs from scripts/commands/ in development and
 * from the compiled dist/chiso.js in an installation (scripts/build-cli.js).
 */
function installRoot(): string {
	let dir = import.meta.dirname;
	while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
	return dir;
}

const BUILT_HANDLER = path.join(installRoot(), 'build/handler.js');

interface RunningServer {
	origin: string;
	close(): Promise<void>;
}

/** The built SvelteKit app (adapter-node's handler) on a free loopback port in this process. */
async function startBuiltServer(locale: Locale): Promise<RunningServer> {
	if (!fs.existsSync(BUILT_HANDLER)) throw new PdfExportError(t(locale, 'briefing.noBuild', { path: BUILT_HANDLER }));
	// This process reads the database file directly, so private mode (CHISO_PRIVATE=1) would guard
	// nothing here; its own loopback server shows the briefing without a sign-in.
	delete process.env.CHISO_PRIVATE;
	const { handler } = await import(pathToFileURL(BUILT_HANDLER).href);
	const server = http.createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Checks unit, year and indices on the database, then lets go of it for the server. */
async function checkRequest(locale: Locale, values: { unit?: string; year?: string; indices?: string }): Promise<void> {
	await ensureDatabase();
	try {
		await resolveBriefingRequest(locale, values);
	} catch (error) {
		if (error instanceof BriefingInputError) throw new UsageError(error.message);
		throw error;
	} finally {
		await closeDatabase();
	}
}

export const briefing: Command = {
	usage: 'briefing --unit NAME --year Y --out FILE.pdf [--indices I,J] [--server URL]',
	summary: 'the printable briefing (cover and one A4 page per index) as a PDF, printed by Chromium',
	ownsDatabase: true,
	lockedMessage: 'briefing.dbLocked',
	async run(args, { locale }) {
		const { values } = parseOptions(args, {
			unit: { type: 'string' },
			year: { type: 'string' },
			out: { type: 'string' },
			indices: { type: 'string' },
			server: { type: 'string' }
		});
		const [unit, year, out] = [required(values, 'unit'), required(values, 'year'), required(values, 'out')];
		const search = new URLSearchParams({ unit, year });
		if (values.indices) search.set('indices', values.indices);
		if (locale === 'en') search.set('lang', 'en');

		// Chromium (started by the entry: briefing-browser.ts) opens the tab that will print while the
		// database is checked and the server starts: a launch costs about a second, a tab 0.1–0.2 s more.
		const browser = briefingBrowser(locale);
		const tab = browser.then((b) => openTab(b));
		tab.catch(() => {});
		try {
			let server: RunningServer = { origin: values.server?.replace(/\/+$/, '') ?? '', close: async () => {} };
			if (!values.server) {
				await checkRequest(locale, values);
				server = await startBuiltServer(locale);
			}
			try {
				const pdf = await printInTab(await tab, `${server.origin}/briefing?${search}`, locale);
				fs.writeFileSync(out, pdf);
				console.log(t(locale, 'briefing.written', { file: out, size: formatNumber(locale, Math.ceil(pdf.length / 1024)) }));
			} finally {
				await server.close();
			}
		} catch (error) {
			if (!(error instanceof PdfExportError)) throw error;
			console.error(error.message);
			return 1;
		}
		return 0;
	}
};

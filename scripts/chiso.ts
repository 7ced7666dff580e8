/**
 * The `chiso` command line: `npm run -s chiso -- <command> [options]`; the
 * commands are in scripts/cli.ts. This entry loads little itself: for
 * `briefing` it starts Chromium first (commands/briefing-browser.ts), then
 * loads the commands, which the compiled form keeps in chunks of their own
 * (scripts/build-cli.js), so DuckDB and the rest load while Chromium starts.
 */
import { commandLine } from './commands/command-line.ts';
import { closeUntaken, launchEarly } from './commands/briefing-browser.ts';

const argv = process.argv.slice(2);
const { name, locale } = commandLine(argv);
if (name === 'briefing') launchEarly(locale);

// Piping into `head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

const { main } = await import('./cli.ts');
try {
	process.exitCode = await main(argv);
} finally {
	await closeUntaken();
}

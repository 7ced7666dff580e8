/**
 * The `chiso` command line: `npm run -s chiso -- <command> [options]`; the
 * commands are in scripts/cli.ts. This entry loads little itself: for
 * `briefing` it starts Chromium first (commands/briefing-browser.ts), then
 * loads the commands, which the compiled form keeps in chunks of their own
 * (scripts/build-cli.js), so DuckDB and the rest load while Chromium starts.
 */
import { commandLine } from './commands/command-line.ts';
import { launchEarly } from './commands/briefing-browser.ts';

const argv = process.argv.slice(2);
const { name, locale } = commandLine(argv);
if (name === 'briefing') launchEarly(locale);

// Piping into `head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

const { main } = await import('./cli.ts');
process.exitCode = await main(argv);
// `briefing` exits at once rather than when its Chromium has closed: Playwright's exit handler kills
// the browser and removes its profile folder, 0.06 s sooner than closing it politely (issue 16). A
// command that throws exits too (an uncaught error), through the same handler.
if (name === 'briefing') process.exit();

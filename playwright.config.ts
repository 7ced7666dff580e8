import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './src/lib/server/chromium.ts';

// E2E_PORT lets several checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4317);

export default defineConfig({
	testDir: 'tests/e2e',
	// Not test-results/ itself: Playwright empties its output folder, and vitest's report lives beside it.
	outputDir: 'test-results/playwright',
	timeout: 60_000,
	workers: 1,
	reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		browserName: 'chromium',
		// Debian's Chromium with the flags this machine needs (shared with the PDF export); never a downloaded browser.
		launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS }
	},
	webServer: {
		// The built app on a fresh database in test-results/, built from the shipped data on start.
		command: `rm -f test-results/e2e.duckdb test-results/e2e.duckdb.wal && node scripts/start.js`,
		url: `http://127.0.0.1:${PORT}/`,
		timeout: 120_000,
		reuseExistingServer: false,
		env: { PORT: String(PORT), HOST: '127.0.0.1', CHISO_DB: 'test-results/e2e.duckdb' }
	}
});

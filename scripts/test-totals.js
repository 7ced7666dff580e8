// Prints the closing line CI reads: "N passed, N failed" over vitest and Playwright,
// from the JSON reports the two runners write into test-results/.
import fs from 'node:fs';

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);
let passed = 0;
let failed = 0;
const vitest = read('test-results/vitest.json');
if (vitest) {
	passed += vitest.numPassedTests;
	failed += vitest.numFailedTests;
}
const playwright = read('test-results/playwright.json');
if (playwright) {
	passed += playwright.stats.expected + playwright.stats.flaky;
	failed += playwright.stats.unexpected;
}
console.log(`${passed} passed, ${failed} failed`);

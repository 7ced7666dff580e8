// Compiles the `chiso` command line (scripts/chiso.ts and what it imports) into one file, dist/chiso.js,
// run by plain node: a production install (`npm ci --omit=dev`) has no tsx, and compiling TypeScript at
// every start cost about a second of each command (issue 16: `chiso briefing` took 4.5 s). The packages
// the app depends on at run time (package.json "dependencies": DuckDB's native binding, Playwright,
// ExcelJS…) stay outside the bundle and are loaded from node_modules; development-only packages that
// the code imports (SvelteKit's helpers) are bundled in, so the install needs none of them.
// Run by `npm run build` after `vite build`.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const { dependencies } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

await build({
	entryPoints: [path.join(root, 'scripts/chiso.ts')],
	outfile: path.join(root, 'dist/chiso.js'),
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20.19',
	external: Object.keys(dependencies),
	banner: { js: '#!/usr/bin/env node' },
	sourcemap: 'linked',
	logLevel: 'warning'
});
fs.chmodSync(path.join(root, 'dist/chiso.js'), 0o755);

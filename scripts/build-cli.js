// Compiles the `chiso` command line (scripts/chiso.ts and what it imports) into dist/chiso.js and the
// chunks beside it (dist/chunks/), run by plain node: a production install (`npm ci --omit=dev`) has no
// tsx, and compiling TypeScript at every start cost about a second of each command (issue 16: `chiso
// briefing` took 4.5 s). What the entry imports only dynamically (the commands, scripts/cli.ts) goes in
// chunks of its own, loaded when asked for: `chiso briefing` starts Chromium before loading them. The packages
// the app depends on at run time (package.json "dependencies": DuckDB's native binding, Playwright,
// ExcelJS…) stay outside the bundle and are loaded from node_modules; development-only packages that
// the code imports (SvelteKit's helpers) are bundled in, so the install needs none of them.
// Run by `npm run build` after `vite build`.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const { dependencies } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// Chunks of an earlier build would pile up beside the new ones.
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
await build({
	entryPoints: [path.join(root, 'scripts/chiso.ts')],
	outdir: path.join(root, 'dist'),
	entryNames: '[name]',
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	splitting: true,
	platform: 'node',
	format: 'esm',
	target: 'node20.19',
	external: Object.keys(dependencies),
	banner: { js: '#!/usr/bin/env node' },
	sourcemap: 'linked',
	logLevel: 'warning'
});
fs.chmodSync(path.join(root, 'dist/chiso.js'), 0o755);

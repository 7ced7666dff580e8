// Prints the JavaScript a browser loads first for a route of the built app
// (`npm run build` first), raw and gzipped: the SvelteKit client entry, the
// app, the root layout and error page (SvelteKit loads both at start) and the
// route's page, with every module they import statically (what it preloads). Usage: node scripts/first-load-size.js [ROUTE]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const route = process.argv[2] ?? '/';
const out = '.svelte-kit/output/client';
const manifest = JSON.parse(fs.readFileSync(path.join(out, '.vite/manifest.json'), 'utf8'));
const app = fs.readFileSync('.svelte-kit/generated/client-optimized/app.js', 'utf8');

// `"/": [~2]` in the generated dictionary: the route's page node (a ~ marks a server load).
const entry = new RegExp(`"${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}": \\[~?(\\d+)`).exec(app);
if (!entry) throw new Error(`no route ${route} in the build; known: ${app.match(/"\/[^"]*"(?=:)/g)?.join(', ')}`);
// The client entry's key is its path from the project, which starts `../` where node_modules is a link elsewhere.
const clientEntry = Object.keys(manifest).find((key) => key.endsWith('node_modules/@sveltejs/kit/src/runtime/client/entry.js'));
const roots = [
	clientEntry,
	'.svelte-kit/generated/client-optimized/app.js',
	'.svelte-kit/generated/client-optimized/nodes/0.js',
	'.svelte-kit/generated/client-optimized/nodes/1.js',
	`.svelte-kit/generated/client-optimized/nodes/${entry[1]}.js`
];

const files = new Set();
const visit = (key) => {
	const chunk = manifest[key];
	if (!chunk || files.has(chunk.file)) return;
	files.add(chunk.file);
	for (const imported of chunk.imports ?? []) visit(imported);
};
roots.forEach(visit);

let raw = 0;
let gzip = 0;
for (const file of files) {
	const bytes = fs.readFileSync(path.join(out, file));
	raw += bytes.length;
	gzip += zlib.gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(`first-load JS for ${route}: ${files.size} files, ${kb(raw)} KB raw, ${kb(gzip)} KB gzipped`);

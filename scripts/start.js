// Production start: the built SvelteKit server with chiso's defaults
// (loopback only unless HOST says otherwise; uploads of published Excel files).
import http from 'node:http';
import v8 from 'node:v8';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareRelease } from './serve/release.js';
import { staticFiles } from './serve/static-files.js';
import { compressResponse } from './serve/compress.js';

// V8 lets its heap grow to about four times what is live after a full collection: under 20 clients reading
// commune pages that is ~180 MB of heap for ~45 MB live, most of the server's peak memory. 1.6 times keeps
// the peak near 340 MB (from 560) at no measured CPU cost (issue 16; README "Performance"). The flag is
// read at every collection, so setting it here, before any request, takes effect.
v8.setFlagsFromString('--heap-growing-percent=60');
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
process.env.BODY_SIZE_LIMIT ??= '20M';
// ORIGIN is the address people type. adapter-node otherwise assumes https://<Host header>, so on plain
// http every form post (sign-in included) would fail SvelteKit's cross-site check, and the session cookie
// would be marked Secure and never sent back. Behind an HTTPS proxy, set ORIGIN=https://… yourself.
if (!process.env.ORIGIN) {
	if (['0.0.0.0', '::'].includes(process.env.HOST)) {
		console.warn(`ORIGIN is not set: with HOST=${process.env.HOST}, set ORIGIN to the address people open (for example ORIGIN=http://chiso.office.lan:${process.env.PORT}); sign-in will be refused until then.`);
	}
	process.env.ORIGIN = `http://${process.env.HOST.includes(':') ? `[${process.env.HOST}]` : process.env.HOST}:${process.env.PORT}`;
}

// The server runs from its own copy of build/ (scripts/serve/release.js), so a rebuild while it runs
// (a second `npm start`, an update) cannot pull files from under it.
const root = path.resolve(import.meta.dirname, '..');
// CHISO_RELEASES moves the copies elsewhere (a test that damages its own copy), inside the checkout still:
// the copied server code finds its packages in the checkout's node_modules.
const release = prepareRelease(path.join(root, 'build'), path.resolve(process.env.CHISO_RELEASES ?? path.join(root, 'releases')));
const { handler } = await import(pathToFileURL(path.join(release, 'handler.js')).href);
// Static files first, by our file server (a missing file is a 404, not a crash); everything else is the app.
// adapter-node's handler would also serve them, with a file server that dies on a file deleted after start.
const files = staticFiles(path.join(release, 'client'), '/_app/immutable/');

const server = http.createServer(async (req, res) => {
	let served;
	try {
		served = await files(req, res);
	} catch (error) {
		// A rejected promise here would end the process; a failed static file only ends its own answer.
		console.error(`static file ${req.url} failed (${error.code ?? error.message})`);
		if (!res.headersSent) res.writeHead(500).end();
		else res.destroy();
		return;
	}
	if (served) return;
	// The app's answers are compressed here (static files come precompressed): see serve/compress.js.
	compressResponse(req, res);
	handler(req, res);
});
server.listen(Number(process.env.PORT), process.env.HOST, () => {
	console.log(`Listening on ${process.env.ORIGIN} (from ${release})`);
});

// As adapter-node's own start: on SIGINT or SIGTERM stop taking connections, let running requests end,
// and cut the rest after SHUTDOWN_TIMEOUT seconds (30).
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT ?? 30);
const shutdown = () => {
	server.closeIdleConnections();
	server.close(() => process.exit(0));
	setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000).unref();
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

// The built app's static files (build/client of a release), served so that a file that went missing or
// cannot be read is a 404 and a log line, never the end of the server (issue 17). adapter-node's own file
// server (sirv) lists the files at start, writes a 200 and then opens the file, with no handler for the
// stream's 'error': a file deleted after start took the whole process down ("ENOENT … .br", "Unhandled
// 'error' event"). Here the file is opened first and the status written after. Used by scripts/start.js.
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.txt': 'text/plain;charset=utf-8',
	'.html': 'text/html;charset=utf-8',
	'.map': 'application/json'
};

/** Every file under `dir`, by URL path ("/_app/immutable/…"); what the server may serve, listed once at start. */
function listFiles(dir) {
	const files = new Set();
	for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (entry.isFile()) files.add('/' + path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
	}
	return files;
}

/** The file variants to try for `pathname`, best first: precompressed ones the browser accepts, then the file itself. */
function variants(files, pathname, acceptEncoding) {
	const tries = [];
	if (/\bbr\b/.test(acceptEncoding) && files.has(`${pathname}.br`)) tries.push({ file: `${pathname}.br`, encoding: 'br' });
	if (/\bgzip\b/.test(acceptEncoding) && files.has(`${pathname}.gz`)) tries.push({ file: `${pathname}.gz`, encoding: 'gzip' });
	tries.push({ file: pathname, encoding: null });
	return tries;
}

/**
 * A request handler for the files of `dir` (a release's client folder), with
 * `immutablePrefix` ("/_app/immutable/") cached for a year. It returns false
 * for a request that is not for one of those files (the app answers it), and
 * true when it has answered: the file, a 304, or a 404 when the file listed at
 * start can no longer be opened (logged with the reason).
 */
export function staticFiles(dir, immutablePrefix, log = console.error) {
	const files = listFiles(dir);
	return async (req, res) => {
		if (req.method !== 'GET' && req.method !== 'HEAD') return false;
		let pathname;
		try {
			pathname = decodeURI(new URL(req.url ?? '/', 'http://x').pathname);
		} catch {
			return false;
		}
		if (!files.has(pathname)) return false;
		for (const { file, encoding } of variants(files, pathname, String(req.headers['accept-encoding'] ?? ''))) {
			let handle;
			try {
				handle = await fs.promises.open(path.join(dir, file), 'r');
			} catch (error) {
				log(`static file ${file} cannot be read (${error.code ?? error.message}); ${file === pathname ? 'answered 404' : 'trying the next form'}`);
				continue;
			}
			let stats;
			try {
				stats = await handle.stat();
			} catch (error) {
				await handle.close();
				throw error;
			}
			const etag = `W/"${stats.size}-${stats.mtime.getTime()}"`;
			const headers = {
				'content-type': TYPES[path.extname(pathname)] ?? 'application/octet-stream',
				'content-length': stats.size,
				'last-modified': stats.mtime.toUTCString(),
				etag,
				vary: 'Accept-Encoding',
				'cache-control': pathname.startsWith(immutablePrefix) ? 'public,max-age=31536000,immutable' : 'no-cache',
				'x-content-type-options': 'nosniff'
			};
			if (encoding) headers['content-encoding'] = encoding;
			const unchanged = req.headers['if-none-match'] === etag;
			if (unchanged || req.method === 'HEAD') {
				await handle.close();
				res.writeHead(unchanged ? 304 : 200, headers).end();
				return true;
			}
			res.writeHead(200, headers);
			const stream = handle.createReadStream();
			// The file is open, so it can still be read after a delete; a read error now can only cut the answer short.
			stream.on('error', (error) => {
				log(`static file ${file} failed while being sent (${error.code ?? error.message})`);
				res.destroy();
			});
			stream.pipe(res);
			return true;
		}
		res.writeHead(404, { 'content-type': 'text/plain;charset=utf-8', 'x-content-type-options': 'nosniff' }).end('Not found');
		return true;
	};
}

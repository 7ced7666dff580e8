// Compression of the app's own answers (pages, JSON, CSV) for clients that accept it (issue 16: /pci was
// 85 KB on the wire, about 15 KB compressed). Static files are precompressed at build time and served by
// static-files.js; this wraps only what the SvelteKit handler writes. Used by scripts/start.js.
//
// Every write is flushed through the compressor at once (Z_SYNC_FLUSH, BROTLI_OPERATION_FLUSH), so a page
// that streams (SvelteKit sends awaited data later in the same answer) still reaches the browser piece by
// piece. A PDF, an image or an answer already encoded is passed through untouched.
import zlib from 'node:zlib';

/** Content types worth compressing: text the app writes. A PDF or a zip is compressed already. */
const COMPRESSIBLE = /^\s*(text\/(html|csv|plain|css|javascript)|application\/(json|javascript|xml)|image\/svg\+xml)\s*(;|$)/i;
/** Below this many bytes (when the length is known) compression saves less than it costs. */
const MIN_BYTES = 1024;
/**
 * Brotli's quality for answers made per request: 11 (the default, right for files compressed once at build
 * time) takes tens of milliseconds on a page; 5 compresses /pci a little better than gzip in about a millisecond.
 */
const BROTLI_QUALITY = 5;

/**
 * The encoding to answer in, from an Accept-Encoding header: 'br', else 'gzip', else null (identity).
 * Quality values are honoured ("br;q=0" refuses brotli); "*" accepts gzip when gzip is not named.
 * @param {string | string[] | undefined} acceptEncoding
 * @returns {'br' | 'gzip' | null}
 */
export function chooseEncoding(acceptEncoding) {
	const q = new Map();
	for (const part of String(acceptEncoding ?? '').split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
		q.set(name, weight ? Number(weight[1]) : 1);
	}
	if ((q.get('br') ?? 0) > 0) return 'br';
	if ((q.get('gzip') ?? (q.get('*') ?? 0)) > 0) return 'gzip';
	return null;
}

/**
 * Adds Accept-Encoding to the answer's Vary header, keeping what is there.
 * @param {import('node:http').ServerResponse} res
 */
function varyOnEncoding(res) {
	const vary = String(res.getHeader('vary') ?? '');
	if (vary === '*' || /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) return;
	res.setHeader('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * Makes `res` compress what is written to it when `req` accepts gzip or brotli
 * and the answer is compressible text; decided when its headers are written.
 * Compressible answers carry `Vary: Accept-Encoding` whether compressed or not,
 * so a cache never hands a compressed page to a client that cannot read it.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function compressResponse(req, res) {
	const encoding = chooseEncoding(req.headers['accept-encoding']);
	/** @type {{ writeHead: Function, write: Function, end: Function }} */
	const original = { writeHead: res.writeHead, write: res.write, end: res.end };
	/** The compressor, once the answer is known to be compressed. @type {import('node:zlib').Gzip | import('node:zlib').BrotliCompress | null} */
	let stream = null;
	let decided = false;

	const decide = () => {
		if (decided) return;
		decided = true;
		if (!COMPRESSIBLE.test(String(res.getHeader('content-type') ?? ''))) return;
		varyOnEncoding(res);
		const length = Number(res.getHeader('content-length') ?? NaN);
		const bodiless = req.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304;
		if (!encoding || bodiless || res.getHeader('content-encoding') || length < MIN_BYTES) return;
		res.setHeader('content-encoding', encoding);
		res.removeHeader('content-length');
		stream =
			encoding === 'br'
				? zlib.createBrotliCompress({
						flush: zlib.constants.BROTLI_OPERATION_FLUSH,
						params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, ...(length > 0 && { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: length }) }
					})
				: zlib.createGzip({ flush: zlib.constants.Z_SYNC_FLUSH });
		// The compressed bytes go out as they come; a slow client pauses the compressor, not the process.
		const compressor = stream;
		compressor.on('data', (/** @type {Buffer} */ chunk) => {
			if (!original.write.call(res, chunk)) {
				compressor.pause();
				res.once('drain', () => compressor.resume());
			}
		});
		compressor.on('end', () => original.end.call(res));
		compressor.on('error', (error) => res.destroy(error));
		// The writer above waits for 'drain' when the compressor's buffer is full.
		compressor.on('drain', () => res.emit('drain'));
	};

	/** @type {any} */ (res).writeHead = function (/** @type {number} */ status, /** @type {unknown[]} */ ...rest) {
		// writeHead(status, [message], [headers]): headers given here join those set before, then the decision.
		const headers = /** @type {Record<string, string | number | string[]> | undefined} */ (rest.find((r) => r && typeof r === 'object' && !Array.isArray(r)));
		if (headers) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
		res.statusCode = status;
		decide();
		const message = /** @type {string | undefined} */ (rest.find((r) => typeof r === 'string'));
		return message === undefined ? original.writeHead.call(res, status) : original.writeHead.call(res, status, message);
	};
	/** @type {any} */ (res).write = function (/** @type {any} */ chunk, /** @type {any} */ encodingOrCallback, /** @type {any} */ callback) {
		if (!res.headersSent) res.writeHead(res.statusCode);
		return stream ? stream.write(chunk, encodingOrCallback, callback) : original.write.call(res, chunk, encodingOrCallback, callback);
	};
	/** @type {any} */ (res).end = function (/** @type {any} */ chunk, /** @type {any} */ encodingOrCallback, /** @type {any} */ callback) {
		if (!res.headersSent) {
			// A whole body given to end() alone: its length decides, as a Content-Length would.
			if (chunk && typeof chunk !== 'function' && !res.getHeader('content-length')) res.setHeader('content-length', Buffer.byteLength(chunk, typeof encodingOrCallback === 'string' ? /** @type {BufferEncoding} */ (encodingOrCallback) : undefined));
			res.writeHead(res.statusCode);
		}
		if (!stream) return original.end.call(res, chunk, encodingOrCallback, callback);
		if (chunk && typeof chunk === 'string' && typeof encodingOrCallback === 'string') stream.end(chunk, /** @type {BufferEncoding} */ (encodingOrCallback));
		else if (chunk && typeof chunk !== 'function') stream.end(chunk);
		else stream.end();
		return res;
	};
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse } from '../../../../scripts/serve/compress.js';

describe('chooseEncoding', () => {
	it('prefers brotli, then gzip, and honours q=0 and "*"', () => {
		expect(chooseEncoding('gzip, deflate, br')).toBe('br');
		expect(chooseEncoding('gzip')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('gzip');
		expect(chooseEncoding('gzip;q=0, *')).toBe(null);
		expect(chooseEncoding('identity')).toBe(null);
		expect(chooseEncoding(undefined)).toBe(null);
	});
});

let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server whose answers go through compressResponse; `answer` writes them. */
async function serve(answer: (res: http.ServerResponse) => void): Promise<string> {
	server = http.createServer((req, res) => {
		compressResponse(req, res);
		answer(res);
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('compressResponse', () => {
	it('a streamed page reaches the client piece by piece: the first part decodes before the answer ends', async () => {
		let finish!: () => void;
		const url = await serve((res) => {
			res.setHeader('content-type', 'text/html; charset=utf-8');
			res.writeHead(200);
			res.write('<p>first part</p>');
			finish = () => res.end('<p>second part</p>');
		});
		const body = await new Promise<string>((resolve, reject) => {
			http.get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
				expect(res.headers['content-encoding']).toBe('gzip');
				expect(res.headers.vary).toBe('Accept-Encoding');
				const gunzip = zlib.createGunzip();
				let text = '';
				gunzip.on('data', (chunk: Buffer) => {
					text += chunk.toString();
					// Only the first part was written: it arrived and decoded while the server still holds the answer open.
					if (text === '<p>first part</p>') finish();
				});
				gunzip.on('end', () => resolve(text));
				gunzip.on('error', reject);
				res.pipe(gunzip);
			}).on('error', reject);
		});
		expect(body).toBe('<p>first part</p><p>second part</p>');
	});

	it('leaves a PDF and a short answer as they are; a short text answer still says Vary', async () => {
		const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4000, 7)]);
		let answer: (res: http.ServerResponse) => void = (res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
		const url = await serve((res) => answer(res));
		const fetchRaw = () =>
			new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) =>
				http.get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
				}).on('error', reject)
			);
		const sent = await fetchRaw();
		expect(sent.headers['content-encoding']).toBeUndefined();
		expect(sent.headers.vary).toBeUndefined();
		expect(sent.body.equals(pdf)).toBe(true);

		// As SvelteKit's json() answers: its length is known before the body is written.
		answer = (res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': '11', vary: 'Cookie' }).end('{"ok":true}');
		const small = await fetchRaw();
		expect(small.headers['content-encoding']).toBeUndefined();
		expect(small.headers.vary).toBe('Cookie, Accept-Encoding');
		expect(small.body.toString()).toBe('{"ok":true}');
	});
});

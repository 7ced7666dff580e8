/**
 * Compressed answers (issue 16): pages and JSON come gzip- or brotli-encoded
 * to a client that accepts it, with `Vary: Accept-Encoding`, and decompress to
 * exactly what an identity answer holds; the PDF is sent as it is. Read with
 * node:http, which (unlike fetch) leaves the bytes as they came on the wire.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { expect, test } from '@playwright/test';

interface RawAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/** One GET with the given Accept-Encoding, its body as sent. */
function get(baseURL: string, path: string, acceptEncoding: string | null): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const request = http.get(new URL(path, baseURL), { headers: acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (c: Buffer) => chunks.push(c));
			response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
			response.on('error', reject);
		});
		request.on('error', reject);
	});
}

/** A page's HTML without what differs between two requests: the Content-Security-Policy's nonces. */
const withoutNonces = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

const decoders: Record<string, (b: Buffer) => Buffer> = { br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync };

for (const [acceptEncoding, encoding] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip', 'gzip']] as const) {
	test(`Accept-Encoding "${acceptEncoding}": the /pci page and JSON come ${encoding}-encoded, with Vary, and decode to the identity answer`, async ({ baseURL }) => {
		for (const path of ['/pci?unit=Kon%20Tum', '/api/observations?index=PCI&year=2019&component=total']) {
			const plain = await get(baseURL!, path, null);
			const packed = await get(baseURL!, path, acceptEncoding);
			expect(plain.status).toBe(200);
			expect(packed.status).toBe(200);
			expect(plain.headers['content-encoding']).toBeUndefined();
			expect(packed.headers['content-encoding']).toBe(encoding);
			expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
			expect(packed.headers.vary).toMatch(/Accept-Encoding/i);
			expect(packed.body.length).toBeLessThan(plain.body.length / 3);
			const decoded = decoders[encoding](packed.body).toString('utf8');
			const identity = plain.body.toString('utf8');
			if (path.startsWith('/api/')) expect(decoded).toBe(identity);
			else expect(withoutNonces(decoded)).toBe(withoutNonces(identity));
		}
	});
}

test('the briefing PDF is sent as it is, even to a client that accepts brotli', async ({ baseURL }) => {
	const pdf = await get(baseURL!, '/briefing/pdf?unit=Kon%20Tum&year=2023', 'br, gzip');
	expect(pdf.status).toBe(200);
	expect(pdf.headers['content-type']).toBe('application/pdf');
	expect(pdf.headers['content-encoding']).toBeUndefined();
	expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

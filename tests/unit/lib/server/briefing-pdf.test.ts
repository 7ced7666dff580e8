import { afterEach, describe, expect, it } from 'vitest';
import { concurrencyLimit, PdfExportError, renderBriefingPdf, selfOrigin } from '../../../../src/lib/server/briefing-pdf.ts';

const saved = { CHROMIUM_PATH: process.env.CHROMIUM_PATH, HOST: process.env.HOST, PORT: process.env.PORT };
afterEach(() => {
	for (const [key, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[key];
		else process.env[key] = value;
	}
});

describe('selfOrigin', () => {
	it('is the loopback address of the listening port, whatever origin the request claims', () => {
		process.env.PORT = '3000';
		process.env.HOST = '0.0.0.0';
		expect(selfOrigin('https://chiso.example.gov.vn')).toBe('http://127.0.0.1:3000');
		process.env.HOST = '10.0.0.5';
		expect(selfOrigin('https://chiso.example.gov.vn')).toBe('http://10.0.0.5:3000');
		process.env.HOST = '::1';
		expect(selfOrigin('https://chiso.example.gov.vn')).toBe('http://[::1]:3000');
	});

	it('without PORT (vite dev) is the request’s origin', () => {
		delete process.env.PORT;
		expect(selfOrigin('http://localhost:5173')).toBe('http://localhost:5173');
	});
});

describe('renderBriefingPdf', () => {
	it('without Chromium, says where it looked and how to install it, in the interface language', async () => {
		process.env.CHROMIUM_PATH = '/nonexistent/chromium';
		const failure = renderBriefingPdf('http://127.0.0.1:9/briefing', 'vi');
		await expect(failure).rejects.toThrow(PdfExportError);
		await expect(failure).rejects.toThrow('Không tìm thấy Chromium tại /nonexistent/chromium để xuất PDF. Cài đặt bằng: apt-get install -y chromium');
		await expect(renderBriefingPdf('http://127.0.0.1:9/briefing', 'en')).rejects.toThrow('Install it with: apt-get install -y chromium');
	});
});

describe('concurrencyLimit', () => {
	it('never runs more than its limit at once, and runs every task', async () => {
		const limit = concurrencyLimit(2);
		let running = 0;
		let most = 0;
		const task = (k: number) => limit(async () => {
			running++;
			most = Math.max(most, running);
			await new Promise((resolve) => setTimeout(resolve, 5));
			running--;
			return k;
		});
		expect(await Promise.all([1, 2, 3, 4, 5].map(task))).toEqual([1, 2, 3, 4, 5]);
		expect(most).toBe(2);
	});

	it('lets the next task run after one fails', async () => {
		const limit = concurrencyLimit(1);
		await expect(limit(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
		expect(await limit(async () => 'next')).toBe('next');
	});
});

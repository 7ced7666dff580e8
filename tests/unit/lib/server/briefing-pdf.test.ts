import { afterEach, describe, expect, it } from 'vitest';
import { PdfExportError, renderBriefingPdf } from '../../../../src/lib/server/briefing-pdf.ts';

describe('renderBriefingPdf', () => {
	const saved = process.env.CHROMIUM_PATH;
	afterEach(() => {
		if (saved === undefined) delete process.env.CHROMIUM_PATH;
		else process.env.CHROMIUM_PATH = saved;
	});

	it('without Chromium, says where it looked and how to install it, in the interface language', async () => {
		process.env.CHROMIUM_PATH = '/nonexistent/chromium';
		const failure = renderBriefingPdf('http://127.0.0.1:9/briefing', 'vi');
		await expect(failure).rejects.toThrow(PdfExportError);
		await expect(failure).rejects.toThrow('Không tìm thấy Chromium tại /nonexistent/chromium để xuất PDF. Cài đặt bằng: apt-get install -y chromium');
		await expect(renderBriefingPdf('http://127.0.0.1:9/briefing', 'en')).rejects.toThrow('Install it with: apt-get install -y chromium');
	});
});

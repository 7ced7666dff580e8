/**
 * `GET /briefing/pdf?unit=&year=&indices=&lang=`: the "Tải PDF" button. A thin
 * wrapper: checks the parameters, then `renderBriefingPdf` prints this
 * server's own `/briefing` page with the same query, over loopback.
 */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { BriefingInputError, resolveBriefingRequest } from '$lib/server/briefing';
import { PdfExportError, renderBriefingPdf, selfOrigin } from '$lib/server/briefing-pdf';
import { briefingFileName } from '$lib/ui/briefing-view';

export const GET: RequestHandler = async ({ url, locals }) => {
	const params = url.searchParams;
	try {
		// Parameters first, so that a wrong one is a 400 with its reason rather than a failed print.
		const request = await resolveBriefingRequest(locals.locale, {
			unit: params.get('unit'),
			year: params.get('year'),
			indices: params.get('indices')
		});
		const pdf = await renderBriefingPdf(`${selfOrigin(url.origin)}/briefing${url.search}`, locals.locale);
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${briefingFileName(locals.locale, request.unit, request.year)}"`
			}
		});
	} catch (e) {
		if (e instanceof BriefingInputError) error(400, e.message);
		if (e instanceof PdfExportError) error(503, e.message);
		throw e;
	}
};

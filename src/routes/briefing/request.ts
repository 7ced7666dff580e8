import { error } from '@sveltejs/kit';
import type { Locale } from '$lib/i18n';
import { BriefingInputError, resolveBriefingRequest, type BriefingRequest } from '$lib/server/briefing';

/** The briefing's query parameters checked, for the page and its PDF alike; a wrong one is a 400 with the reason. */
export async function briefingRequest(locale: Locale, params: URLSearchParams): Promise<BriefingRequest> {
	try {
		return await resolveBriefingRequest(locale, { unit: params.get('unit'), year: params.get('year'), indices: params.get('indices') });
	} catch (e) {
		if (e instanceof BriefingInputError) error(400, e.message);
		throw e;
	}
}

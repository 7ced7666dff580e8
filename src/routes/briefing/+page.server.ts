import type { PageServerLoad } from './$types';
import { loadBriefing } from '$lib/server/briefing';
import { briefingView } from '$lib/server/views/briefing';
import { briefingRequest } from './request';

/** The printable briefing: `?unit=&year=&indices=&lang=`. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const request = await briefingRequest(locals.locale, url.searchParams);
	return { view: briefingView(locals.locale, await loadBriefing(locals.locale, request), new Date()), search: url.search };
};

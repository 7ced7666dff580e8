import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { t, toLocale } from '$lib/i18n';
import '$lib/i18n/areas/dashboard';
import { findIndex } from '$lib/domain/catalogue';
import { loadCatalogue } from '$lib/server/reference';
import { focusUnit } from '$lib/server/queries/units';
import { indexView } from '$lib/server/views/index-page';
import { yearParam } from '$lib/ui/url';

export const load: PageServerLoad = async ({ params, url }) => {
	// Read from the URL (not locals) so that switching the language reruns the load.
	const locale = toLocale(url.searchParams.get('lang'));
	const { indices } = await loadCatalogue();
	const index = findIndex(indices, params.index);
	if (!index) error(404, t(locale, 'index.unknown', { slug: params.index }));
	const year = yearParam(url.searchParams.get('year'));
	const unit = await focusUnit(url.searchParams.get('unit'), year);
	// The ranking's own search and page, for tables too long to send whole.
	const page = Number(url.searchParams.get('rpage'));
	const rankingQuery = {
		search: (url.searchParams.get('rq') ?? '').trim().slice(0, 100),
		page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : null
	};
	const mapColour = url.searchParams.get('map') === 'status' ? 'status' : 'rank';
	return { view: await indexView(locale, index, unit, year, url.searchParams.get('peers') ?? '', rankingQuery, mapColour) };
};

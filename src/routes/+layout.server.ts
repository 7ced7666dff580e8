import type { LayoutServerLoad } from './$types';
import { loadCatalogue } from '$lib/server/reference';
import { unitsWithFigures } from '$lib/server/queries/dashboard';
import { inDisplayOrder } from '$lib/ui/index-order';
import { toLocale } from '$lib/i18n';

// The language is read from the URL here (not only in hooks) so that SvelteKit
// reruns the load when a link switches it.
export const load: LayoutServerLoad = async ({ url }) => {
	const [catalogue, units] = await Promise.all([loadCatalogue(), unitsWithFigures()]);
	return {
		locale: toLocale(url.searchParams.get('lang')),
		nav: inDisplayOrder(catalogue.indices).map((i) => ({ id: i.id, slug: i.slug, shortVi: i.shortVi, shortEn: i.shortEn })),
		units
	};
};

import type { LayoutServerLoad } from './$types';
import { loadCatalogue } from '$lib/server/reference';
import { unitsWithFigures } from '$lib/server/queries/dashboard';
import { inDisplayOrder } from '$lib/ui/index-order';

export const load: LayoutServerLoad = async ({ locals }) => {
	const [catalogue, units] = await Promise.all([loadCatalogue(), unitsWithFigures()]);
	return {
		locale: locals.locale,
		nav: inDisplayOrder(catalogue.indices).map((i) => ({ id: i.id, slug: i.slug, shortVi: i.shortVi, shortEn: i.shortEn })),
		units
	};
};

import type { PageServerLoad } from './$types';
import { requireAnalystPage } from '$lib/server/import/http';
import { listPresets } from '$lib/server/import/presets';
import { loadCatalogue } from '$lib/server/reference';

export const load: PageServerLoad = async (event) => {
	requireAnalystPage(event);
	const [catalogue, presets] = await Promise.all([loadCatalogue(), listPresets()]);
	return {
		indices: catalogue.indices.map((i) => ({ id: i.id, shortVi: i.shortVi, shortEn: i.shortEn, publishesRanks: i.publishesRanks })),
		components: catalogue.components.map((c) => ({ indexId: c.indexId, id: c.id, nameVi: c.nameVi, nameEn: c.nameEn })),
		presets
	};
};

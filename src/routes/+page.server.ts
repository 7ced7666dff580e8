import type { PageServerLoad } from './$types';
import { unitTotals } from '$lib/server/queries/ranks';
import { focusUnit } from '$lib/server/queries/units';
import { loadCatalogue } from '$lib/server/reference';

const SHOWN = ['PAR_INDEX', 'PAPI', 'PCI'];

export const load: PageServerLoad = async ({ url }) => {
	const unit = await focusUnit(url.searchParams.get('unit'));
	const [figures, catalogue] = await Promise.all([unitTotals(unit.code), loadCatalogue()]);
	return {
		unit: { code: unit.code, name: unit.nameVi },
		indices: SHOWN.map((id) => ({
			index: catalogue.indices.find((i) => i.id === id)!,
			figures: figures.filter((f) => f.indexId === id)
		}))
	};
};

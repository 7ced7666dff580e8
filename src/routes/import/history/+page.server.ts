import type { PageServerLoad } from './$types';
import { requireAnalystPage } from '$lib/server/import/http';
import { batchHistory } from '$lib/server/import/history';

export const load: PageServerLoad = async (event) => {
	requireAnalystPage(event);
	return { batches: await batchHistory(event.locals.locale) };
};

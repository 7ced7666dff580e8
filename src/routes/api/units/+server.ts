// GET /api/units?q=…: up to 20 units whose name contains the text (accents and
// case aside) or whose code it is, as [{ code, name }]: the unit picker's
// suggestions when there are too many units to list (communes).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { searchUnits } from '$lib/server/queries/dashboard';

export const GET: RequestHandler = async ({ url }) => {
	const text = (url.searchParams.get('q') ?? '').slice(0, 100);
	return json(await searchUnits(text));
};

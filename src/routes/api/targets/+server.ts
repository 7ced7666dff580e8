// GET /api/targets?unit=…&index=…: the same JSON as `chiso targets --json`.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { activeTargetsJson } from '$lib/server/targets';
import { indexParam, unitParam } from '$lib/server/api';

export const GET: RequestHandler = async ({ url }) => {
	const unit = await unitParam(url.searchParams.get('unit'));
	const index = await indexParam(url.searchParams.get('index'));
	return json(await activeTargetsJson(unit.code, index?.id));
};

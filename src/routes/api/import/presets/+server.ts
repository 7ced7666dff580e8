/** POST /api/import/presets: saves the working mapping under a name (`savePreset`, as `--save-preset`). Analysts and admins only. */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { actorOf, requireRole } from '$lib/server/auth/guard';
import { presetRequestSchema } from '$lib/domain/import-request';
import { savePreset } from '$lib/server/import/presets';
import { readJson } from '$lib/server/import/http';

export const POST: RequestHandler = async (event) => {
	const user = requireRole(event, 'analyst');
	const { name, indexId, mapping } = await readJson(event.request, presetRequestSchema);
	await savePreset(name, indexId, mapping, actorOf(user, event));
	return json({ name }, { status: 201 });
};

/**
 * POST /api/import/batches/ID/undo: removes a batch's figures and restores
 * what it replaced (`undoBatch`, as `chiso undo`). Analysts and admins only.
 */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { actorOf, requireRole } from '$lib/server/auth/guard';
import { BatchError, undoBatch } from '$lib/server/import/batches';
import { t } from '$lib/i18n';
import '$lib/i18n/areas/import';

export const POST: RequestHandler = async (event) => {
	const user = requireRole(event, 'analyst');
	const { locale } = event.locals;
	const id = Number(event.params.id);
	if (!Number.isInteger(id) || id < 1) error(400, t(locale, 'undo.unknown', { batch: event.params.id }));
	try {
		return json(await undoBatch(id, actorOf(user, event)));
	} catch (e) {
		if (e instanceof BatchError) error(409, t(locale, e.key, e.params));
		throw e;
	}
};

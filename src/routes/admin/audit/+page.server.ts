/**
 * /admin/audit: the audit trail for admins, filtered by kind, user and days
 * (a GET form: the filter is in the address, to bookmark or share), newest
 * first, AUDIT_PAGE_SIZE entries a page. Reads through src/lib/server/audit.ts.
 */
import type { PageServerLoad } from './$types';
import { requireRolePage } from '$lib/server/auth/guard';
import { auditActors, listAudit } from '$lib/server/audit';
import { AUDIT_KINDS, AUDIT_PAGE_SIZE, auditFilterSchema, badFilterFields, type AuditFilter } from '$lib/domain/audit';
import { t } from '$lib/i18n';
import '$lib/i18n/areas/admin';

export const load: PageServerLoad = async (event) => {
	requireRolePage(event, 'admin');
	const { url, locals } = event;
	const raw = Object.fromEntries(['kind', 'user', 'since', 'until', 'page'].map((key) => [key, url.searchParams.get(key)]));
	const parsed = auditFilterSchema.safeParse(raw);
	// A filter that does not parse shows the whole trail and says which field was wrong.
	const filter: AuditFilter = parsed.success ? parsed.data : {};
	const page = filter.page ?? 1;
	const [{ entries, total }, actors] = await Promise.all([
		listAudit(filter, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE),
		auditActors()
	]);
	return {
		entries,
		total,
		page,
		pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
		pageSize: AUDIT_PAGE_SIZE,
		filter: { kind: filter.kind ?? '', user: filter.user ?? '', since: filter.since ?? '', until: filter.until ?? '' },
		kinds: AUDIT_KINDS,
		actors,
		problem: parsed.success ? null : t(locals.locale, 'admin.audit.badFilter', { fields: badFilterFields(parsed.error).join(', ') })
	};
};

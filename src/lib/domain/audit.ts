/**
 * The audit trail as data: the kinds of write it records and the filter a
 * reader applies (the /admin/audit form, `chiso audit`). Pure: the server's
 * audit.ts stores and reads the entries.
 */
import { z } from 'zod';

/**
 * Every kind of write the trail records. `replace` is an import that changed
 * stored figures (kept apart from a plain `import`, as replacing published
 * figures is the write a reviewer looks for); `backup` and `restore` are
 * written by the backup module.
 */
export const AUDIT_KINDS = [
	'signin',
	'signin.failed',
	'signout',
	'import',
	'replace',
	'undo',
	'preset.save',
	'plan.add',
	'plan.change',
	'plan.retire',
	'user.add',
	'user.role',
	'user.password',
	'user.revoke',
	'user.remove',
	'backup',
	'restore'
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** A value that changed: what it was and what it became. */
export interface Change {
	from: string | number | boolean | null;
	to: string | number | boolean | null;
}

/** What an entry says about its write: small things only (ids, counts, names, old → new), never a password. */
export type AuditDetail = Record<string, string | number | boolean | null | string[] | Change>;

function isChange(value: unknown): value is Change {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && 'from' in value && 'to' in value;
}

function valueText(value: unknown): string {
	if (value === null || value === undefined || value === '') return '∅';
	if (Array.isArray(value)) return value.join(', ');
	return String(value);
}

/** An entry's detail as one line, `key: value; field: old → new`, in the order it was recorded. */
export function detailText(detail: AuditDetail): string {
	return Object.entries(detail)
		.map(([key, value]) => `${key}: ${isChange(value) ? `${valueText(value.from)} → ${valueText(value.to)}` : valueText(value)}`)
		.join('; ');
}

/** A day as typed in the form or on the command line, `YYYY-MM-DD` and a real date. */
const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text));

/** Empty form fields mean "no filter". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

/**
 * The filter of the trail: a kind, a user (as recorded: the account name, or
 * the system user of a command-line write), the first and last day (UTC,
 * both included), and the page (1-based).
 */
export const auditFilterSchema = z.object({
	kind: optional(z.enum(AUDIT_KINDS)),
	user: optional(z.string().trim().min(1).max(64)),
	since: optional(day),
	until: optional(day),
	page: optional(z.coerce.number().int().min(1).max(1_000_000))
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Entries shown on one page of /admin/audit. */
export const AUDIT_PAGE_SIZE = 50;

/** The fields of a filter that failed the schema (`kind`, `since`, …), to name them in the message. */
export function badFilterFields(error: z.ZodError): string[] {
	return [...new Set(error.issues.map((issue) => String(issue.path[0])))];
}

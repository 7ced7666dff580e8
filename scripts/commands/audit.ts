/**
 * `chiso audit`: prints the audit trail (src/lib/server/audit.ts, as
 * /admin/audit shows it), newest first, filtered like the page; `--json`
 * gives one array of entries for other tools.
 */
import { listAudit } from '../../src/lib/server/audit.ts';
import { auditFilterSchema, badFilterFields, detailText } from '../../src/lib/domain/audit.ts';
import { t } from '../../src/lib/i18n/index.ts';
import '../../src/lib/i18n/areas/admin.ts';
import { parseOptions, UsageError, type Command } from './command.ts';

export const audit: Command = {
	usage: 'audit [--kind K] [--user U] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--json]',
	summary: 'print the audit trail of every write (who, when in UTC, from which address, what), newest first',
	async run(args, { locale }) {
		const { values, positionals } = parseOptions(args, {
			kind: { type: 'string' },
			user: { type: 'string' },
			since: { type: 'string' },
			until: { type: 'string' },
			json: { type: 'boolean', default: false }
		});
		if (positionals.length > 0) throw new UsageError('audit takes no file or name, only options');
		const parsed = auditFilterSchema.safeParse({ kind: values.kind, user: values.user, since: values.since, until: values.until });
		if (!parsed.success) throw new UsageError(t(locale, 'admin.audit.badFilter', { fields: badFilterFields(parsed.error).map((f) => `--${f}`).join(', ') }));
		const { entries } = await listAudit(parsed.data, null);
		if (values.json) {
			console.log(JSON.stringify(entries, null, '\t'));
			return 0;
		}
		if (entries.length === 0) {
			console.log(t(locale, 'admin.audit.none'));
			return 0;
		}
		console.log(t(locale, 'admin.audit.cliHeader'));
		for (const e of entries) {
			const address = e.address ?? t(locale, 'admin.audit.cli');
			console.log(`${e.at}  ${e.kind.padEnd(13)}  ${e.actor.padEnd(15)}  ${address.padEnd(15)}  ${(e.target ?? '').padEnd(9)}  ${detailText(e.detail)}`);
		}
		return 0;
	}
};

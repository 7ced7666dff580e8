import { describe, expect, it } from 'vitest';
import { auditFilterSchema, badFilterFields, detailText } from '../../../../src/lib/domain/audit.ts';

describe('auditFilterSchema', () => {
	it('reads empty form fields as no filter', () => {
		expect(auditFilterSchema.parse({ kind: '', user: '', since: '', until: '', page: null })).toEqual({});
	});

	it('keeps a kind, a user, real days and a page number', () => {
		expect(auditFilterSchema.parse({ kind: 'plan.change', user: ' hoa ', since: '2026-02-28', until: '2026-03-01', page: '3' })).toEqual({
			kind: 'plan.change', user: 'hoa', since: '2026-02-28', until: '2026-03-01', page: 3
		});
	});

	it('refuses a day that does not exist, another date form, an unknown kind and page 0, naming each field', () => {
		const parsed = auditFilterSchema.safeParse({ kind: 'delete', since: '2026-02-30', until: '01/03/2026', page: '0' });
		expect(parsed.success).toBe(false);
		expect(badFilterFields(parsed.error!)).toEqual(['kind', 'since', 'until', 'page']);
	});
});

describe('detailText', () => {
	it('writes counts as they are, lists joined, a change as old → new and a missing value as ∅', () => {
		expect(detailText({ batch: 3, rows: 2, indices: ['PCI', 'PAPI'], targetRank: { from: 15, to: 13 }, source: { from: null, to: 'VCCI' } })).toBe(
			'batch: 3; rows: 2; indices: PCI, PAPI; targetRank: 15 → 13; source: ∅ → VCCI'
		);
		expect(detailText({})).toBe('');
	});
});

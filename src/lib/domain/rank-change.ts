/**
 * A rank change across a change of N, as every reader shows it (issue 12):
 * the previous rank, its equivalent among the new N and that N, so that
 * 45/63 → 24/34 reads "45/63 ≈ 24/34", never as a climb of 21 places. The
 * equivalent itself comes from `equivalentRank` in plan.ts.
 */

/** A previous rank carried to a new N: the rank and N it had, its equivalent and the new N. */
export interface Across {
	rank: number;
	n: number;
	equivalent: number;
	toN: number;
}

/** The `Across` of a figure whose N differs from the year before (it has an equivalent), else null. */
export function acrossOf(f: { previousRank: number | null; previousN: number | null; previousEquivalent: number | null; n: number | null }): Across | null {
	return f.previousRank === null || f.previousN === null || f.previousEquivalent === null || f.n === null
		? null
		: { rank: f.previousRank, n: f.previousN, equivalent: f.previousEquivalent, toN: f.n };
}

/** "45/63 ≈ 24/34": a rank among the old N and its equivalent among the new. */
export function equivalentText(across: Across): string {
	return `${across.rank}/${across.n} ≈ ${across.equivalent}/${across.toN}`;
}

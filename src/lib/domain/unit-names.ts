/**
 * Unit name matching: turns the many spellings of a province found in published
 * tables ("TP.HCM", "KON TUM", NFD text from PDFs, "Thừa Thiên - Huế") into one unit.
 * Pure: the caller supplies the units and the alias table (data, not code).
 */
import { distance } from 'fastest-levenshtein';

/** A province-level unit's legal kind (data/reference/units.csv `kind`); null for other cohorts. */
export type UnitKind = 'tinh' | 'thanh_pho_truc_thuoc_trung_uong';

export interface UnitRecord {
	code: string;
	nameVi: string;
	nameAscii: string | null;
	cohort: string;
	/** Tỉnh or thành phố trực thuộc trung ương; null or absent outside the province cohort. */
	kind?: UnitKind | null;
	/** ISO date the unit came into being; null when it predates our data. */
	validFrom: string | null;
	/** ISO date of its last day; null while it exists. */
	validTo: string | null;
}

export interface UnitAlias {
	alias: string;
	unitCode: string;
}

export type UnitMatch =
	| { ok: true; unit: UnitRecord }
	| { ok: false; reason: 'unknown' | 'ambiguous' | 'not_valid_in_year'; suggestions: string[] };

// Administrative prefixes that published tables add or drop at will.
const PREFIX = /^(tinh|thanh pho|tp\.?|t\.p\.?)\s+/;

/** Unicode NFC, lower case, whitespace collapsed: the exact-spelling key. */
export function normaliseName(name: string): string {
	return name.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/**
 * The matching key: diacritics folded (đ → d), case folded, the prefixes
 * "Tỉnh", "Thành phố", "TP." stripped, spaces, dots and dashes removed.
 * "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh" and "HO CHI MINH" share one key.
 */
export function nameKey(name: string): string {
	const folded = normaliseName(name)
		.replace(/đ/g, 'd')
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[\u2010-\u2015]/g, '-');
	// "TP.HCM" has no space after the dot; give the prefix rule one to see.
	const spaced = folded.replace(/^(tp|t\.p)\.(?=\S)/, '$1. ');
	return spaced.replace(PREFIX, '').replace(/[\s.\-–—_']/g, '');
}

/** A unit belongs to the ranking of year Y when it exists on 31 December of Y. */
export function unitValidInYear(unit: Pick<UnitRecord, 'validFrom' | 'validTo'>, year: number): boolean {
	const endOfYear = `${year}-12-31`;
	if (unit.validFrom && unit.validFrom > endOfYear) return false;
	if (unit.validTo && unit.validTo < endOfYear) return false;
	return true;
}

/** A unit with, after a merger, the unit that absorbed it. */
export type UnitWithSuccessor = UnitRecord & { successorCode: string | null };

/**
 * The predecessor a merged unit continues (issue 12): the one whose name it
 * keeps (Quảng Ngãi 2025 continues Quảng Ngãi, not Kon Tum). Every 2025 unit
 * kept one predecessor's name; where the seat went to another predecessor
 * (Bắc Ninh's is in old Bắc Giang), the name still decides, because plans and
 * the public know a province by its name. Null when none of them shares it.
 */
export function namesakePredecessor<U extends UnitWithSuccessor>(unit: U, units: U[]): U | null {
	const key = nameKey(unit.nameVi);
	return units.find((u) => u.successorCode === unit.code && nameKey(u.nameVi) === key) ?? null;
}

/**
 * A unit's lineage, oldest first: its namesake predecessors back in time, the
 * unit, then the units that absorbed it. The rank of year Y is the one of the
 * lineage's unit that existed in Y, so Kon Tum's 2025 is Quảng Ngãi's and
 * Quảng Ngãi 2025's 2022 baseline is old Quảng Ngãi's.
 */
export function lineageOf<U extends UnitWithSuccessor>(unitCode: string, units: U[]): U[] {
	const byCode = new Map(units.map((u) => [u.code, u]));
	const start = byCode.get(unitCode);
	if (!start) return [];
	const chain: U[] = [start];
	for (let p = namesakePredecessor(start, units); p && !chain.includes(p); p = namesakePredecessor(p, units)) chain.unshift(p);
	for (let u = start.successorCode ? byCode.get(start.successorCode) : undefined; u && !chain.includes(u); u = u.successorCode ? byCode.get(u.successorCode) : undefined) {
		chain.push(u);
	}
	return chain;
}

/** Looks units up by code, name or alias. Build it once per import. */
export class UnitMatcher {
	readonly #byCode = new Map<string, UnitRecord>();
	#names: { units: UnitRecord[]; aliases: UnitAlias[] } | null;
	#keys: Map<string, UnitRecord[]> | null = null;

	constructor(units: UnitRecord[], aliases: UnitAlias[]) {
		for (const unit of units) this.#byCode.set(unit.code, unit);
		this.#names = { units, aliases };
	}

	/**
	 * Units by name key, built on the first name that is not a code: a file
	 * naming 10,000 communes by code never pays for 20,000 name keys (issue #8).
	 */
	get #byKey(): Map<string, UnitRecord[]> {
		if (this.#keys) return this.#keys;
		const keys = new Map<string, UnitRecord[]>();
		const add = (name: string, unit: UnitRecord) => {
			const key = nameKey(name);
			const list = keys.get(key) ?? [];
			if (!list.includes(unit)) list.push(unit);
			keys.set(key, list);
		};
		const { units, aliases } = this.#names!;
		for (const unit of units) {
			add(unit.nameVi, unit);
			if (unit.nameAscii) add(unit.nameAscii, unit);
		}
		for (const alias of aliases) {
			const unit = this.#byCode.get(alias.unitCode);
			if (unit) add(alias.alias, unit);
		}
		this.#names = null;
		this.#keys = keys;
		return keys;
	}

	/**
	 * Finds the unit a published name or code means. With a year, only units that
	 * existed that year qualify, which tells the old Quảng Ngãi from the new one.
	 */
	match(nameOrCode: string, year?: number): UnitMatch {
		const text = nameOrCode.trim();
		const byCode = this.#byCode.get(text);
		if (byCode) return this.#checkYear([byCode], year);
		const candidates = this.#byKey.get(nameKey(text));
		if (!candidates || candidates.length === 0) {
			return { ok: false, reason: 'unknown', suggestions: this.closest(text) };
		}
		return this.#checkYear(candidates, year);
	}

	#checkYear(candidates: UnitRecord[], year: number | undefined): UnitMatch {
		const valid = year === undefined ? candidates : candidates.filter((u) => unitValidInYear(u, year));
		if (valid.length === 1) return { ok: true, unit: valid[0] };
		if (valid.length === 0) {
			return { ok: false, reason: 'not_valid_in_year', suggestions: candidates.map((u) => u.nameVi) };
		}
		// Without a year, prefer the unit that still exists (the new 2025 unit).
		const current = valid.filter((u) => !u.validTo);
		if (year === undefined && current.length === 1) return { ok: true, unit: current[0] };
		return { ok: false, reason: 'ambiguous', suggestions: valid.map((u) => u.nameVi) };
	}

	/** The known unit names closest to a name that matched nothing, best first. */
	closest(text: string, count = 3): string[] {
		const key = nameKey(text);
		const scored = new Map<string, number>();
		for (const [candidateKey, units] of this.#byKey) {
			const d = distance(key, candidateKey);
			for (const unit of units) {
				const best = scored.get(unit.nameVi);
				if (best === undefined || d < best) scored.set(unit.nameVi, d);
			}
		}
		return [...scored.entries()]
			.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0], 'vi'))
			.slice(0, count)
			.map(([name]) => name);
	}
}

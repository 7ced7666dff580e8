/**
 * Which plans a unit is judged by across the 2025 mergers, and whose ranks
 * make its path. A successor continues the predecessor whose name it keeps
 * (the new Quảng Ngãi continues the old Quảng Ngãi, not Kon Tum): it inherits
 * that predecessor's plans and its ranks before the merger. Every predecessor
 * keeps its own plans, judged on the successor's rank after the merger (Kon
 * Tum's directive goes on as Quảng Ngãi's rank). Pure: the target engine
 * (src/lib/server/targets.ts) hands in the units.
 */
import { nameKey, type UnitRecord } from './unit-names.ts';

export type LinkedUnit = UnitRecord & { successorCode: string | null };

/**
 * The predecessor `successor` continues: the one of the same name ("TP. Hải
 * Phòng" continues "Hải Phòng"), or null when none or several share it. The
 * issue asks for the predecessor whose name *and seat* the successor keeps;
 * the reference data records no seats, so the name decides.
 */
export function heirPredecessor(successor: UnitRecord, units: LinkedUnit[]): LinkedUnit | null {
	const key = nameKey(successor.nameVi);
	const same = units.filter((u) => u.successorCode === successor.code && nameKey(u.nameVi) === key);
	return same.length === 1 ? same[0] : null;
}

/**
 * A unit's lineage, oldest first: the predecessors it continues (by name), the
 * unit, then the units that succeeded it. `chain` gives the rank of each year
 * (the one of its units that existed that year); `planOwners` are the units
 * whose plans the unit is judged by: itself, the predecessors it continues,
 * and a successor that continues it.
 */
export function planLineage(unitCode: string, units: LinkedUnit[]): { chain: LinkedUnit[]; planOwners: string[] } {
	const byCode = new Map(units.map((u) => [u.code, u]));
	const unit = byCode.get(unitCode);
	if (!unit) return { chain: [], planOwners: [] };
	const before: LinkedUnit[] = [];
	for (let p = heirPredecessor(unit, units); p && p !== unit && !before.includes(p); p = heirPredecessor(p, units)) before.unshift(p);
	const after: LinkedUnit[] = [];
	const owners = [...before, unit].map((u) => u.code);
	let continues = true;
	for (let u = unit, s = next(u); s && s !== unit && !after.includes(s); u = s, s = next(s)) {
		after.push(s);
		continues &&= heirPredecessor(s, units)?.code === u.code;
		if (continues) owners.push(s.code);
	}
	return { chain: [...before, unit, ...after], planOwners: owners };

	function next(u: LinkedUnit): LinkedUnit | undefined {
		return u.successorCode ? byCode.get(u.successorCode) : undefined;
	}
}

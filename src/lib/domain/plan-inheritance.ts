/**
 * Which plans a unit is judged by across the 2025 mergers, and whose ranks
 * make its path. A successor continues the predecessor whose name it keeps
 * (the new Quảng Ngãi continues the old Quảng Ngãi, not Kon Tum): it inherits
 * that predecessor's plans and its ranks before the merger. Every predecessor
 * keeps its own plans, judged on the successor's rank after the merger (Kon
 * Tum's directive goes on as Quảng Ngãi's rank). Pure: the target engine
 * (src/lib/server/targets.ts) hands in the units.
 */
import { lineageOf, namesakePredecessor, type UnitWithSuccessor } from './unit-names.ts';

/**
 * A unit's lineage (`lineageOf`: the predecessors it continues by name, the
 * unit, the units that succeeded it), and `planOwners`, the units whose plans
 * it is judged by: itself, the predecessors it continues, and each successor
 * that continues it in turn.
 */
export function planLineage<U extends UnitWithSuccessor>(unitCode: string, units: U[]): { chain: U[]; planOwners: string[] } {
	const chain = lineageOf(unitCode, units);
	const at = chain.findIndex((u) => u.code === unitCode);
	if (at < 0) return { chain: [], planOwners: [] };
	const owners = chain.slice(0, at + 1).map((u) => u.code);
	for (let i = at + 1; i < chain.length && namesakePredecessor(chain[i], units)?.code === chain[i - 1].code; i++) owners.push(chain[i].code);
	return { chain, planOwners: owners };
}

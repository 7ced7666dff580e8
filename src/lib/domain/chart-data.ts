/**
 * The plain, typed figures each chart draws. The server's views and the
 * briefing build them from query results; the charts only draw them. Here,
 * not in charts/, because both sides need them and the server never imports
 * from charts/ (issue 16).
 */
import type { Across } from './rank-change.ts';

/** The status of one year against a plan, as the target engine reports it. */
export type PlanStatus = 'baseline' | 'met' | 'missed' | 'undetermined' | 'pending' | 'no_baseline';

/** One year of a unit's rank against its plan (years before the baseline have no status). */
export interface TrajectoryPoint {
	year: number;
	rank: number | null;
	n: number | null;
	targetRank: number | null;
	/** The N the target is counted in (the unit table's while the year has no figures). */
	targetN: number | null;
	/** The year before carried to this year's N, when N changed ("45/63 ≈ 24/34"). */
	across: Across | null;
	status: PlanStatus | null;
	comparable: boolean;
	/** Why the year is not comparable: `n_changed` or `lineage_changed`. */
	reason: string | null;
	/** A year known only by a bound: the ranks it leaves possible, drawn as a band, never as a point. */
	rankMin?: number | null;
	rankMax?: number | null;
	/** After such a year: the target range ("30–31"), drawn as a bar; targetRank is then null. */
	targetRankMin?: number | null;
	targetRankMax?: number | null;
}

/** A unit's score in a year beside the national median and range. */
export interface TrendPoint {
	year: number;
	score: number | null;
	median: number | null;
	min: number | null;
	max: number | null;
	/** Units with a score that year. */
	units: number;
}

/** How a unit is highlighted in distribution and peer charts. */
export type Highlight = 'focus' | 'peer' | 'other';

/** One unit's score in the distribution of a year. */
export interface DistributionDot {
	code: string;
	name: string;
	score: number;
	rank: number | null;
	n: number | null;
	role: Highlight;
}

/** How many units scored from `from` to `to` (the last bin includes its top): a histogram bar. */
export interface ScoreBin {
	from: number;
	to: number;
	units: number;
}

/** One component of an index for the focus unit in a year. */
export interface ComponentRow {
	componentId: string;
	name: string;
	score: number | null;
	median: number | null;
	/** The component's maximum points, where the method states one. */
	maxPoints: number | null;
	rank: number | null;
	n: number | null;
	/** Previous rank − rank: positive = rose. */
	changePrevious: number | null;
	changeBaseline: number | null;
}

/** One component of the cheapest path to a missed target: its score now and the score it needs. */
export interface ReachRow {
	componentId: string;
	name: string;
	from: number;
	to: number;
	/** The component's maximum points, where the method states one. */
	maxPoints: number | null;
}

/** A rank in a year, for sparklines and bump charts. */
export interface RankPoint {
	year: number;
	rank: number | null;
	n: number | null;
}

/** One unit's ranks over the years in a peer comparison. */
export interface PeerSeries {
	code: string;
	name: string;
	role: Exclude<Highlight, 'other'>;
	points: RankPoint[];
}

/** How the rank map colours its squares: by rank, or by each unit's status against its own target. */
export type MapColour = 'rank' | 'status';

/** One unit's square on the rank map (issue 18), with its figure of the year. */
export interface MapTile {
	code: string;
	name: string;
	/** Column from the west and row from the north (data/reference/tile-grid-*.csv). */
	col: number;
	row: number;
	rank: number | null;
	n: number | null;
	score: number | null;
	/** A unit known that year only by a bound, in words ("outside the top 30"); it gets no colour of rank. */
	bound: string | null;
	role: Highlight;
	/** The year's status against the unit's own plan for the index; null without a plan. */
	status: PlanStatus | null;
	/** The target rank that status was judged on, when there is one. */
	targetRank: number | null;
}

/**
 * Target statuses as the charts and cards show them: one colour each (all
 * pass WCAG AA against white, 4.5:1 or more); the word that always stands
 * beside the colour is `STATUS_MESSAGE` in domain/chart-tables.ts.
 */
import type { PlanStatus } from '../domain/chart-data.ts';

/** Colours of the statuses; `history` is a year before the plan's baseline. */
export const STATUS_COLOUR: Record<PlanStatus | 'history', string> = {
	met: '#1a7f37',
	missed: '#b42318',
	undetermined: '#8a5a00',
	pending: '#5d6679',
	no_baseline: '#5d6679',
	baseline: '#1d4e89',
	history: '#1d4e89'
};

/**
 * Target statuses as the charts and cards show them: one colour each (all
 * pass WCAG AA against white, 4.5:1 or more) and one message key each, so
 * the word always stands beside the colour.
 */
import type { MessageKey } from '../i18n/index.ts';

/** The status of one year against a plan, as the target engine reports it. */
export type PlanStatus = 'baseline' | 'met' | 'missed' | 'undetermined' | 'pending' | 'no_baseline';

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

/** The message key naming each status. */
export const STATUS_MESSAGE: Record<PlanStatus, MessageKey> = {
	met: 'status.met',
	missed: 'status.missed',
	undetermined: 'status.undetermined',
	pending: 'status.pending',
	no_baseline: 'status.no_baseline',
	baseline: 'status.baseline'
};

/**
 * The tooltip a chart's marks share: a mark that is focused or hovered puts
 * its exact values here, and `ChartFrame` draws them beside it. Passed by
 * Svelte context so a mark needs no wiring from the page.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('chart-tooltip');

/** What the tooltip shows and where (pixels inside the plot). */
export class TooltipState {
	x = $state(0);
	y = $state(0);
	lines = $state<string[]>([]);

	/** Shows `lines` at (x, y). */
	show(x: number, y: number, lines: string[]) {
		this.x = x;
		this.y = y;
		this.lines = lines;
	}

	/** Hides the tooltip. */
	hide() {
		this.lines = [];
	}
}

/** Makes a tooltip for the charts inside the calling component (the frame). */
export function provideTooltip(): TooltipState {
	return setContext(KEY, new TooltipState());
}

/** The frame's tooltip, or a detached one when a chart is drawn outside a frame. */
export function useTooltip(): TooltipState {
	return getContext<TooltipState | undefined>(KEY) ?? new TooltipState();
}

/**
 * Fitting an index's page of the briefing on one A4 sheet: its charts are
 * scaled down (CSS `zoom`) just enough for the sheet to fit the page's
 * printable height, so no chart is pushed onto a second page. Called by the
 * briefing page once its fonts are loaded, before printing.
 */
/** The briefing's page margins in millimetres; the bottom one holds the footer. */
export const PAGE_MARGIN_MM = { top: 12, right: 12, bottom: 20, left: 12 };

/** CSS pixels in a millimetre. */
const PX_PER_MM = 96 / 25.4;

/** Height of an A4 page's printable area in CSS pixels, less a pixel of rounding room. */
export const PRINTABLE_HEIGHT_PX = Math.floor((297 - PAGE_MARGIN_MM.top - PAGE_MARGIN_MM.bottom) * PX_PER_MM) - 1;

/** Width of an A4 page's printable area in CSS pixels. */
export const PRINTABLE_WIDTH_PX = Math.floor((210 - PAGE_MARGIN_MM.left - PAGE_MARGIN_MM.right) * PX_PER_MM);

/** Charts are never made smaller than this: below it their labels would no longer be legible on paper. */
export const MIN_ZOOM = 0.6;

/**
 * The zoom of a sheet's charts so that the sheet (`sheetHeight`, of which
 * `chartsHeight` is charts) fits `available`: 1 when it already fits, never
 * below `MIN_ZOOM` (the sheet then runs onto a second page, charts whole).
 */
export function chartZoom(available: number, sheetHeight: number, chartsHeight: number): number {
	if (sheetHeight <= available || chartsHeight <= 0) return 1;
	const room = available - (sheetHeight - chartsHeight);
	return Math.max(MIN_ZOOM, Math.min(1, Math.floor((room / chartsHeight) * 1000) / 1000));
}

/**
 * Interface messages in Vietnamese (default) and English, and number formats.
 * A typed catalogue instead of Paraglide: Paraglide's compiler loads its
 * message-format plugin from a CDN, and our machines have no internet.
 *
 * The catalogue is split into areas (`vi/*.ts`, `en/*.ts`). `core` (what every
 * page shows) is always here; any other area is added by importing its module
 * in `areas/` from each file that uses its messages, so that a page's
 * JavaScript carries only the messages it can show (issue 18: the whole
 * catalogue was a quarter of an index page's first-load JavaScript).
 * `tests/unit/lib/i18n/areas.test.ts` checks those imports.
 */
import { core as viCore } from './vi/core.ts';
import { core as enCore } from './en/core.ts';
import type { importMessages } from './vi/import.ts';
import type { accountsMessages } from './vi/accounts.ts';
import type { dashboardMessages } from './vi/dashboard.ts';
import type { briefingMessages } from './vi/briefing.ts';
import type { webimportMessages } from './vi/webimport.ts';
import type { plansMessages } from './vi/plans.ts';
import type { whatifMessages } from './vi/whatif.ts';
import type { backupMessages } from './vi/backup.ts';
import type { adminMessages } from './vi/admin.ts';

export type Locale = 'vi' | 'en';
export const LOCALES: Locale[] = ['vi', 'en'];
export const DEFAULT_LOCALE: Locale = 'vi';

/** Every message key: the Vietnamese areas are the reference; each English area must have the same keys. */
export type MessageKey = keyof (typeof viCore &
	typeof importMessages &
	typeof accountsMessages &
	typeof dashboardMessages &
	typeof briefingMessages &
	typeof webimportMessages &
	typeof plansMessages &
	typeof whatifMessages &
	typeof backupMessages &
	typeof adminMessages);
export type Messages = Record<MessageKey, string>;

const catalogues: Record<Locale, Partial<Messages>> = { vi: { ...viCore }, en: { ...enCore } };

/**
 * Makes one area's messages available to `t` in both languages (called by the
 * modules in `areas/`); the English area must have every Vietnamese key.
 */
export function addMessages<K extends MessageKey>(vi: Record<K, string>, en: Record<NoInfer<K>, string>): void {
	Object.assign(catalogues.vi, vi);
	Object.assign(catalogues.en, en);
}

/** Reads a locale from a query parameter or header value; anything unknown is Vietnamese. */
export function toLocale(value: string | null | undefined): Locale {
	return value === 'en' ? 'en' : DEFAULT_LOCALE;
}

/**
 * The message `key` in `locale`, with `{name}` placeholders filled from `params`.
 * A key whose area was not imported comes back as the key itself, visibly wrong but never a crash.
 */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
	const text = catalogues[locale][key] ?? key;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * The locale's number format with these options, made once: building an
 * `Intl.NumberFormat` costs far more than formatting with it, and a page
 * formats hundreds of figures (issue 16: it was the largest part of rendering `/pci`).
 */
export function numberFormat(locale: Locale, options: { minimumFractionDigits?: number; maximumFractionDigits: number }): Intl.NumberFormat {
	const key = `${locale}:${options.minimumFractionDigits ?? ''}:${options.maximumFractionDigits}`;
	let format = numberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en', options);
		numberFormats.set(key, format);
	}
	return format;
}

/** Formats a figure with the locale's separators, keeping every published decimal. */
export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 4): string {
	return numberFormat(locale, { maximumFractionDigits }).format(value);
}

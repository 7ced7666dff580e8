/**
 * Interface messages in Vietnamese (default) and English, and number formats.
 * A typed catalogue instead of Paraglide: Paraglide's compiler loads its
 * message-format plugin from a CDN, and our machines have no internet.
 */
import { vi } from './vi.ts';
import { en } from './en.ts';

export type Locale = 'vi' | 'en';
export const LOCALES: Locale[] = ['vi', 'en'];
export const DEFAULT_LOCALE: Locale = 'vi';

export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;

const catalogues: Record<Locale, Messages> = { vi, en };

/** Reads a locale from a query parameter or header value; anything unknown is Vietnamese. */
export function toLocale(value: string | null | undefined): Locale {
	return value === 'en' ? 'en' : DEFAULT_LOCALE;
}

/** The message `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
	const text = catalogues[locale][key];
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

import { describe, expect, it } from 'vitest';
import { inLanguage, linkTo, yearParam } from '../../../../src/lib/ui/url.ts';

describe('linkTo', () => {
	const from = new URLSearchParams('unit=Gia%20Lai&year=2019&lang=en&peers=&x=1');
	it('carries unit, peers and language but not the year or unknown parameters', () => {
		expect(linkTo('/pci', from)).toBe('/pci?unit=Gia+Lai&lang=en');
	});
	it('applies changes, removing a parameter set to null', () => {
		expect(linkTo('/pci', from, { lang: null, year: '2018' })).toBe('/pci?unit=Gia+Lai&year=2018');
	});
	it('can carry every parameter, for the language switch', () => {
		expect(linkTo('/pci', from, { lang: 'vi' }, ['unit', 'year', 'peers', 'lang'])).toBe('/pci?unit=Gia+Lai&year=2019&lang=vi');
	});
	it('gives the bare path when nothing is carried', () => {
		expect(linkTo('/', new URLSearchParams())).toBe('/');
	});
});

describe('yearParam', () => {
	it('reads a 4-digit year and ignores anything else', () => {
		expect(yearParam('2019')).toBe(2019);
		expect(yearParam(null)).toBeNull();
		expect(yearParam('19')).toBeNull();
		expect(yearParam('2019; DROP')).toBeNull();
	});
});

describe('inLanguage', () => {
	it('keeps every parameter of the page, a what-if scenario included, and sets only the language', () => {
		const from = new URLSearchParams('unit=Kon+Tum&year=2019&c.transparency=7.2&c.transparency=8');
		expect(inLanguage('/pci/what-if', from, 'en')).toBe('/pci/what-if?unit=Kon+Tum&year=2019&c.transparency=7.2&c.transparency=8&lang=en');
	});

	it('drops lang for Vietnamese, the default, and leaves a bare path bare', () => {
		expect(inLanguage('/pci', new URLSearchParams('lang=en&unit=Gia+Lai'), 'vi')).toBe('/pci?unit=Gia+Lai');
		expect(inLanguage('/', new URLSearchParams('lang=en'), 'vi')).toBe('/');
	});
});

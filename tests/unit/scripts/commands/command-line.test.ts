import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../../../scripts/commands/command-line.ts';

const saved = process.env.CHISO_LANG;
beforeEach(() => {
	delete process.env.CHISO_LANG;
});
afterEach(() => {
	if (saved === undefined) delete process.env.CHISO_LANG;
	else process.env.CHISO_LANG = saved;
});

describe('commandLine', () => {
	it('takes --db PATH out wherever it stands, and names the command and its own arguments', () => {
		expect(commandLine(['--db', 'a.duckdb', 'briefing', '--unit', 'Kon Tum'])).toEqual({
			db: 'a.duckdb',
			name: 'briefing',
			args: ['--unit', 'Kon Tum'],
			locale: 'vi'
		});
		expect(commandLine(['briefing', '--unit', 'Kon Tum', '--db', 'b.duckdb'])).toMatchObject({ db: 'b.duckdb', name: 'briefing', args: ['--unit', 'Kon Tum'] });
	});

	it('reads the language from --lang among the arguments, else CHISO_LANG, else Vietnamese', () => {
		process.env.CHISO_LANG = 'en';
		expect(commandLine(['info']).locale).toBe('en');
		expect(commandLine(['info', '--lang', 'vi']).locale).toBe('vi');
		delete process.env.CHISO_LANG;
		expect(commandLine(['info']).locale).toBe('vi');
		expect(commandLine(['info', '--lang', 'en']).locale).toBe('en');
	});

	it('without arguments names no command', () => {
		expect(commandLine([])).toEqual({ db: undefined, name: undefined, args: [], locale: 'vi' });
	});
});

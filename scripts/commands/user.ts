/**
 * `chiso user add|list|role|remove|passwd|revoke`: accounts from the command line,
 * through the same module as the admin endpoints (src/lib/server/auth/users.ts).
 * Passwords are read without echo and never printed.
 */
import { addUser, listUsers, removeUser, setPassword, setRole, signOutEverywhere, AccountError } from '../../src/lib/server/auth/users.ts';
import { checkPassword, checkRole, checkUserName, type Checked } from '../../src/lib/domain/accounts.ts';
import { t, type Locale } from '../../src/lib/i18n/index.ts';
import '../../src/lib/i18n/areas/accounts.ts';
import { cliActor, parseOptions, UsageError, type Command } from './command.ts';
import { readPassword } from './read-password.ts';

function valid<T>(checked: Checked<T>): T {
	if (!checked.ok) throw new UsageError(checked.message);
	return checked.value;
}

async function newPassword(name: string, locale: Locale): Promise<string> {
	const password = await readPassword(t(locale, 'accounts.cli.password', { name }), t(locale, 'accounts.cli.passwordAgain'));
	if (password === null) throw new UsageError(t(locale, 'accounts.error.passwordMismatch'));
	return valid(checkPassword(password, locale));
}

export const user: Command = {
	usage: 'user add NAME --role viewer|analyst|admin | list | role NAME --role R | remove NAME | passwd NAME | revoke NAME',
	summary: 'manage accounts (password from the terminal without echo, or the first line of stdin)',
	async run(args, { locale }) {
		const { values, positionals } = parseOptions(args, { role: { type: 'string' } });
		const [action, rawName, ...extra] = positionals;
		if (action === 'list') {
			if (rawName) throw new UsageError('user list takes no name');
			const users = await listUsers();
			if (users.length === 0) console.log(t(locale, 'accounts.cli.none'));
			else console.log(t(locale, 'accounts.cli.listHeader'));
			for (const u of users) console.log(`${u.name.padEnd(32)} ${u.role.padEnd(9)} ${u.createdAt}  ${u.activeSessions}`);
			return 0;
		}
		if (!['add', 'role', 'remove', 'passwd', 'revoke'].includes(action ?? '') || !rawName || extra.length > 0) {
			throw new UsageError('user needs an action (add, list, role, remove, passwd, revoke) and one NAME');
		}
		if (action !== 'add' && action !== 'role' && values.role) throw new UsageError(`--role only goes with user add and user role`);
		const name = valid(checkUserName(rawName, locale));
		try {
			return await runOn(action, name, values.role, locale);
		} catch (error) {
			if (error instanceof AccountError) {
				console.error(t(locale, `accounts.error.${error.reason}`, { name: error.userName }));
				return 1;
			}
			throw error;
		}
	}
};

async function runOn(action: string, name: string, roleOption: string | undefined, locale: Locale): Promise<number> {
	if (action === 'add') {
		const role = valid(checkRole(roleOption, locale));
		await addUser({ name, role }, await newPassword(name, locale), cliActor());
		console.log(t(locale, 'accounts.cli.added', { name, role }));
	} else if (action === 'role') {
		const role = valid(checkRole(roleOption, locale));
		const old = await setRole(name, role, cliActor());
		console.log(t(locale, 'accounts.cli.roleChanged', { name, old, role }));
	} else if (action === 'passwd') {
		const sessions = await setPassword(name, await newPassword(name, locale), cliActor());
		console.log(t(locale, 'accounts.cli.passwordChanged', { name, sessions }));
	} else if (action === 'remove') {
		const sessions = await removeUser(name, cliActor());
		console.log(t(locale, 'accounts.cli.removed', { name, sessions }));
	} else {
		const sessions = await signOutEverywhere(name, cliActor());
		console.log(t(locale, 'accounts.cli.revoked', { name, sessions }));
	}
	return 0;
}

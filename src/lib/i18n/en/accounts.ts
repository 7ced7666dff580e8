import type { Messages } from '../index.ts';

/** English: accounts, sign-in and the `chiso user` command. */
export const accountsMessages = {
	'accounts.signin.heading': 'Sign in',
	'accounts.signin.name': 'User name',
	'accounts.signin.password': 'Password',
	'accounts.signin.submit': 'Sign in',
	'accounts.signin.privateNote': 'This dashboard is for account holders only.',
	'accounts.signin.wrong': 'Wrong user name or password.',
	'accounts.signin.throttled': 'Too many failed sign-ins. Please try again in {seconds} seconds.',
	'accounts.signin.incomplete': 'Please enter a user name and a password.',
	'accounts.error.signedOut': 'You need to sign in to do this.',
	'accounts.error.forbidden': 'Your account may not do this (it needs the {role} role).',
	'accounts.error.exists': 'The account “{name}” already exists.',
	'accounts.error.unknown': 'There is no account “{name}”.',
	'accounts.error.lastAdmin': '“{name}” is the last admin: the account cannot be removed or demoted (make someone else an admin first).',
	'accounts.error.name':
		'The user name “{name}” is not valid: it needs 2–32 characters of unaccented letters, digits, dots, underscores or hyphens, starting with a letter or digit.',
	'accounts.error.role': 'The role “{role}” is not valid; choose one of: viewer, analyst, admin.',
	'accounts.error.password': 'The password needs at least {min} characters.',
	'accounts.error.passwordMismatch': 'The two passwords differ.',
	'accounts.error.body': 'The request body must be JSON with name, role and password.',
	'accounts.cli.password': 'Password for {name}: ',
	'accounts.cli.passwordAgain': 'Password again: ',
	'accounts.cli.added': 'Created the account {name} ({role}).',
	'accounts.cli.removed': 'Removed the account {name}; {sessions} session(s) revoked.',
	'accounts.cli.passwordChanged': 'Changed the password of {name}; {sessions} session(s) revoked.',
	'accounts.cli.roleChanged': 'Changed the role of {name}: {old} → {role}.',
	'accounts.cli.revoked': 'Revoked {sessions} session(s) of {name}.',
	'accounts.cli.listHeader': 'name                             role      created           sessions',
	'accounts.cli.none': 'No accounts yet.'
} satisfies Partial<Messages>;

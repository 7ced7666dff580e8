import type { Messages } from './index.ts';
import { core } from './en/core.ts';
import { importMessages } from './en/import.ts';
import { accountsMessages } from './en/accounts.ts';
import { dashboardMessages } from './en/dashboard.ts';
import { briefingMessages } from './en/briefing.ts';
import { webimportMessages } from './en/webimport.ts';
import { plansMessages } from './en/plans.ts';
import { whatifMessages } from './en/whatif.ts';
import { backupMessages } from './en/backup.ts';
import { adminMessages } from './en/admin.ts';

/** English messages. Every key of `vi.ts` must be here too (the type checks it). */
export const en: Messages = {
	...core,
	...importMessages,
	...dashboardMessages,
	...briefingMessages,
	...accountsMessages,
	...webimportMessages,
	...plansMessages,
	...whatifMessages,
	...backupMessages,
	...adminMessages
};

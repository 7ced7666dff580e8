/**
 * Vietnamese messages (the default language), one module per area of the app
 * so that work on one area does not touch the others. `en.ts` mirrors it.
 */
import { core } from './vi/core.ts';
import { importMessages } from './vi/import.ts';
import { accountsMessages } from './vi/accounts.ts';
import { dashboardMessages } from './vi/dashboard.ts';
import { briefingMessages } from './vi/briefing.ts';
import { webimportMessages } from './vi/webimport.ts';
import { plansMessages } from './vi/plans.ts';
import { whatifMessages } from './vi/whatif.ts';
import { backupMessages } from './vi/backup.ts';
import { adminMessages } from './vi/admin.ts';

export const vi = {
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
} as const;

/** The command registry: add a command module here. */
import type { Command } from './command.ts';
import { init } from './init.ts';
import { info } from './info.ts';
import { importCommand } from './import.ts';
import { targets } from './targets.ts';
import { ranks } from './ranks.ts';
import { briefing } from './briefing.ts';
import { batches } from './batches.ts';
import { undo } from './undo.ts';
import { exportCommand } from './export.ts';
import { user } from './user.ts';
import { plan } from './plan.ts';
import { whatif } from './whatif.ts';
import { backup } from './backup.ts';
import { restore } from './restore.ts';
import { audit } from './audit.ts';

export const commands: Record<string, Command> = {
	init,
	info,
	import: importCommand,
	targets,
	ranks,
	briefing,
	batches,
	undo,
	export: exportCommand,
	user,
	plan,
	whatif,
	backup,
	restore,
	audit
};

// Imported for its effect: the backup messages, in both languages, for `t`.
import { addMessages } from '../index.ts';
import { backupMessages as vi } from '../vi/backup.ts';
import { backupMessages as en } from '../en/backup.ts';

addMessages(vi, en);

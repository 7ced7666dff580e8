// Imported for its effect: the import messages, in both languages, for `t`.
import { addMessages } from '../index.ts';
import { importMessages as vi } from '../vi/import.ts';
import { importMessages as en } from '../en/import.ts';

addMessages(vi, en);

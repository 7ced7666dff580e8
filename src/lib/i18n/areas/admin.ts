// Imported for its effect: the admin messages, in both languages, for `t`.
import { addMessages } from '../index.ts';
import { adminMessages as vi } from '../vi/admin.ts';
import { adminMessages as en } from '../en/admin.ts';

addMessages(vi, en);

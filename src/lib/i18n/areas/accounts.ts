// Imported for its effect: the accounts messages, in both languages, for `t`.
import { addMessages } from '../index.ts';
import { accountsMessages as vi } from '../vi/accounts.ts';
import { accountsMessages as en } from '../en/accounts.ts';

addMessages(vi, en);

// Imported for its effect: the webimport messages, in both languages, for `t`.
import { addMessages } from '../index.ts';
import { webimportMessages as vi } from '../vi/webimport.ts';
import { webimportMessages as en } from '../en/webimport.ts';

addMessages(vi, en);

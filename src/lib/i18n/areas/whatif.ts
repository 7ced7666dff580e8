// Imported for its effect: the whatif messages, in both languages, for `t`.
import { addMessages } from '../index.ts';
import { whatifMessages as vi } from '../vi/whatif.ts';
import { whatifMessages as en } from '../en/whatif.ts';

addMessages(vi, en);

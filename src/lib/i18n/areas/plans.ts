// Imported for its effect: the plans messages, in both languages, for `t`.
import { addMessages } from '../index.ts';
import { plansMessages as vi } from '../vi/plans.ts';
import { plansMessages as en } from '../en/plans.ts';

addMessages(vi, en);

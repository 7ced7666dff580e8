// Imported for its effect: the briefing messages, in both languages, for `t`.
import { addMessages } from '../index.ts';
import { briefingMessages as vi } from '../vi/briefing.ts';
import { briefingMessages as en } from '../en/briefing.ts';

addMessages(vi, en);

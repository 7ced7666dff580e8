// Imported for its effect: the dashboard messages, in both languages, for `t`.
import { addMessages } from '../index.ts';
import { dashboardMessages as vi } from '../vi/dashboard.ts';
import { dashboardMessages as en } from '../en/dashboard.ts';

addMessages(vi, en);

/**
 * Browser start-up, before any page's code. zod compiles its object parsers
 * with `new Function` unless told not to, and probes for that with a caught
 * `new Function("")`; under chiso's Content-Security-Policy (no 'unsafe-eval')
 * the probe is refused and reported as a CSP violation on the import page.
 * Jitless parsing is the same validation without the probe. It must be set
 * before any schema is built, which page code does when it loads.
 */
import { config } from 'zod';

config({ jitless: true });

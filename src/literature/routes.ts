import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';

/** Routes are added in the next step. */
export function registerLiteratureRoutes(_app: HttpApp, _context: AppContext): void {}

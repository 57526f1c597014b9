import type { AppContext } from '../../app/context.js';
import type { HttpApp } from '../http-app.js';
import { registerCaseNoteRoutes } from './case-notes.js';
import { registerCaseRoutes } from './cases.js';
import { registerEngineRoutes } from './engines.js';
import { registerFhirRoutes } from './fhir.js';

/** The platform's own routes: cases, FHIR import/export, engines and assessments. */
export function registerCoreRoutes(app: HttpApp, context: AppContext) {
  registerCaseRoutes(app, context);
  registerCaseNoteRoutes(app, context);
  registerFhirRoutes(app, context);
  registerEngineRoutes(app, context);
}

import type { Capability } from '../app/capability.js';
import { registerDeidCommands } from './commands.js';
import { deidEngine } from './engine.js';
import { registerDeidRoutes } from './routes.js';

/** De-identification of notes, FHIR resources and DICOM headers before data leaves. See docs/deid.md. */
export const deidCapability: Capability = {
  id: 'deid',
  title: 'De-identification',
  engines: [deidEngine],
  registerRoutes: registerDeidRoutes,
  registerCommands: registerDeidCommands,
};

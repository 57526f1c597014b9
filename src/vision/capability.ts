import type { Capability } from '../app/capability.js';
import { registerVisionCommands } from './commands.js';
import { visionEngines } from './engine.js';
import { registerVisionRoutes } from './routes.js';

/**
 * Vision: DICOM/PNG/JPEG input, models trained here (pneumonia on chest X-ray, breast ultrasound malignancy,
 * thyroid TI-RADS 4a–5) with calibrated probabilities, heatmaps, and an ONNX runner for external models.
 */
export const visionCapability: Capability = {
  id: 'vision',
  title: 'Vision',
  engines: visionEngines,
  registerRoutes: registerVisionRoutes,
  registerCommands: registerVisionCommands,
};

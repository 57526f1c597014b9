import type { Capability } from '../app/capability.js';
import { registerDeviceCommands } from './commands.js';
import { registerDeviceRoutes } from './routes.js';

/**
 * At the ultrasound device: a live stream of frames with an operator-placed ROI, the nodule outline from the
 * segmentation U-Net, its size in mm, the ACR TI-RADS support and FNA / follow-up advice; nothing enters the case
 * until a clinician accepts it.
 */
export const deviceCapability: Capability = {
  id: 'device',
  title: 'Ultrasound device',
  engines: [],
  registerRoutes: registerDeviceRoutes,
  registerCommands: registerDeviceCommands,
};

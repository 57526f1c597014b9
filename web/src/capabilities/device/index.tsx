import type { WebCapability } from '../types.js';
import { DevicePage } from './DevicePage.js';
import './device.css';

/** Ultrasound device: the live view with the nodule outline, size, TI-RADS support, cine replay and accept. */
export const deviceWeb: WebCapability = {
  id: 'device',
  pages: [{ path: '/device', title: 'Ultrasound', component: DevicePage }],
};

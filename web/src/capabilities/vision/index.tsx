import type { WebCapability } from '../types.js';
import { ImagePanel } from './ImagePanel.js';
import './vision.css';

/** Vision: the image viewer on the case page (upload, windows, zoom, analysis with heatmap, measurement in mm). */
export const visionWeb: WebCapability = {
  id: 'vision',
  casePanels: [{ id: 'vision', title: 'Images', component: ImagePanel }],
};

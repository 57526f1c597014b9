import { describe, expect, it } from 'vitest';
import { dragWindow, imageToShow, nextFrame } from './window-level.js';

describe('viewer helpers', () => {
  it('widens the window dragging right and raises the level dragging down, in proportion to the width', () => {
    expect(dragWindow({ center: 40, width: 400 }, 128, 0)).toEqual({ center: 40, width: 800 });
    expect(dragWindow({ center: 40, width: 400 }, 0, 64)).toEqual({ center: 140, width: 400 });
    expect(dragWindow({ center: 127.5, width: 256 }, -1000, 0).width).toBe(1);
  });

  it('scrolls frames one per wheel notch within the series', () => {
    expect(nextFrame(0, 100, 5)).toBe(1);
    expect(nextFrame(4, 100, 5)).toBe(4);
    expect(nextFrame(0, -100, 5)).toBe(0);
    expect(nextFrame(0, 100, 1)).toBe(0);
  });

  it('shows the newest upload, not the first image', () => {
    const images = [{ id: 'first' }, { id: 'second' }];
    expect(imageToShow(images, undefined)).toBe('second');
    expect(imageToShow(images, 'first')).toBe('first');
    expect(imageToShow(images, 'gone')).toBe('second');
    expect(imageToShow([], undefined)).toBeUndefined();
  });
});

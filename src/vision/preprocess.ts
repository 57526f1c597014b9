/** A grey image as floats, row-major (values in the 0–255 display range unless stated). */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Float32Array;
}

/**
 * Resizes by area averaging (each output pixel is the mean of the source area it covers, fractional edges
 * weighted), which is what downsampling to 28×28 needs to avoid aliasing (MedMNIST used PIL's box/bicubic filters).
 */
export function resizeArea(image: GreyImage, width: number, height: number): GreyImage {
  const out = new Float32Array(width * height);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < width; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      let sum = 0;
      let area = 0;
      for (let yy = Math.floor(y0); yy < Math.min(image.height, Math.ceil(y1)); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        for (let xx = Math.floor(x0); xx < Math.min(image.width, Math.ceil(x1)); xx++) {
          const w = wy * (Math.min(x1, xx + 1) - Math.max(x0, xx));
          sum += w * (image.pixels[yy * image.width + xx] as number);
          area += w;
        }
      }
      out[y * width + x] = area > 0 ? sum / area : 0;
    }
  }
  return { width, height, pixels: out };
}

/** Bilinear upsampling of a small map (e.g. a 7×7 Grad-CAM) to an image size, sampling at pixel centres. */
export function resizeBilinear(image: GreyImage, width: number, height: number): GreyImage {
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(image.height - 1, Math.max(0, ((y + 0.5) * image.height) / height - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(image.height - 1, y0 + 1);
    const dy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(image.width - 1, Math.max(0, ((x + 0.5) * image.width) / width - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(image.width - 1, x0 + 1);
      const dx = fx - x0;
      const at = (yy: number, xx: number) => image.pixels[yy * image.width + xx] as number;
      out[y * width + x] =
        (1 - dy) * ((1 - dx) * at(y0, x0) + dx * at(y0, x1)) + dy * ((1 - dx) * at(y1, x0) + dx * at(y1, x1));
    }
  }
  return { width, height, pixels: out };
}

/** A model's input: the image resized to `size`×`size` in 0–255 grey. */
export function toModelInput(image: GreyImage, size: number): Float32Array {
  if (image.width === size && image.height === size) return image.pixels;
  return resizeArea(image, size, size).pixels;
}

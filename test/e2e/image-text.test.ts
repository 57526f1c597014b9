import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type E2eApp, startE2eApp } from './app.js';
import { describeWithChromium } from './browser.js';

function discPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      const g = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (width / 3) ** 2 ? 150 + ((x * y) % 60) : 8;
      png.data[i] = g;
      png.data[i + 1] = g;
      png.data[i + 2] = g;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}

describeWithChromium('image and text on the case page', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('checks an image against the case note, lists similar images and finds images by text', async () => {
    const created = app.store.cases.create({
      title: 'E2E image and text',
      patient: { ageYears: 61, sex: 'male' },
      findings: [],
      observations: [],
      images: [],
      note: 'MRI of the brain, axial FLAIR: no acute abnormality.',
    });
    const first = join(app.workDir, 'slice-a.png');
    const second = join(app.workDir, 'slice-b.png');
    writeFileSync(first, discPng(128, 128));
    writeFileSync(second, discPng(128, 96));
    const page = await app.openPage(`/ui/#/cases/${encodeURIComponent(created.id)}`);
    const images = page.getByRole('region', { name: 'Images' });
    const upload = images.getByLabel('Upload an image (DICOM, PNG or JPEG)');
    await upload.setInputFiles(first);
    await images.locator('img.vision-image').waitFor();
    await upload.setInputFiles(second);
    // Wait until the second image is the one shown: a click before then lands on the first image's panel, which the
    // upload's re-render replaces (seen on a loaded machine).
    await images
      .getByText(/128×96 px/)
      .first()
      .waitFor({ timeout: 30_000 });
    const block = images.getByRole('region', { name: 'Image and text (experimental)' });
    await block.getByRole('button', { name: 'Check against the record' }).click();
    // Either a warning or the all-clear, always with the zero-shot labels and the caveat.
    await block.getByText(/Zero-shot: Modality: (CT|MR)/).waitFor({ timeout: 30_000 });
    await expect(block.getByText(/licence is not stated upstream/).count()).resolves.toBe(1);
    await block.getByRole('button', { name: 'Similar images' }).click();
    await block.getByRole('heading', { name: 'Similar images' }).waitFor({ timeout: 30_000 });
    // The other stored image of this deployment is among the similar ones.
    await expect(block.getByText('stored image').count()).resolves.toBeGreaterThan(0);
    await block.getByLabel('Find images by text').fill('axial CT chest');
    await block.getByRole('button', { name: 'Search' }).click();
    await block.getByRole('heading', { name: /Images matching/ }).waitFor({ timeout: 30_000 });
    await block.getByLabel('Find images by text').fill('zebra quokka');
    await block.getByRole('button', { name: 'Search' }).click();
    await block.getByText('The image–text model could not answer').waitFor({ timeout: 15_000 });
    expect(app.pageErrors.filter((e) => !/422/.test(e))).toEqual([]);
    // The first similar-image search embeds the ~1,850 MedPix reference images (seconds, more on a loaded machine):
    // the test asserts the workflow, not its speed.
  }, 180_000);
});

import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-harness.js';
import { encodeWav16 } from './wav.js';

let fake: Server;
let fakeUrl: string;
const saved = { base: process.env.HEALTHGPT_STT_BASE_URL, provider: process.env.HEALTHGPT_STT_PROVIDER };
const wav = join(tmpdir(), `healthgpt-transcribe-${process.pid}.wav`);
writeFileSync(
  wav,
  encodeWav16(
    Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i / 4) * 0.3),
    8000,
  ),
);

beforeAll(async () => {
  fake = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200).end('{"text":"no chest pain"}'));
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});

afterEach(() => {
  if (saved.base === undefined) delete process.env.HEALTHGPT_STT_BASE_URL;
  else process.env.HEALTHGPT_STT_BASE_URL = saved.base;
  if (saved.provider === undefined) delete process.env.HEALTHGPT_STT_PROVIDER;
  else process.env.HEALTHGPT_STT_PROVIDER = saved.provider;
});

afterAll(async () => {
  await new Promise((resolve) => fake.close(resolve));
});

describe('healthgpt transcribe', () => {
  it('prints the transcript, or JSON with the engine and duration', async () => {
    process.env.HEALTHGPT_STT_BASE_URL = fakeUrl;
    const plain = await runCli(['transcribe', wav]);
    expect(plain).toMatchObject({ code: 0, stdout: 'no chest pain\n' });
    const json = await runCli(['transcribe', wav, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      text: 'no chest pain',
      engine: 'openai-compatible',
      durationSeconds: 0.5,
    });
  });

  it('fails with one line for a missing file, a bad option, non-audio and no transcriber', async () => {
    process.env.HEALTHGPT_STT_BASE_URL = fakeUrl;
    const missing = await runCli(['transcribe', '/nonexistent.wav']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no such file/);
    const badLanguage = await runCli(['transcribe', wav, '--language', 'english']);
    expect(badLanguage.code).toBe(2);
    const text = join(tmpdir(), `healthgpt-transcribe-${process.pid}.txt`);
    writeFileSync(text, 'not audio at all');
    expect((await runCli(['transcribe', text])).stderr).toMatch(/not an audio file/);
    process.env.HEALTHGPT_STT_PROVIDER = 'none';
    const none = await runCli(['transcribe', wav]);
    expect(none.code).not.toBe(0);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(/switched off.*docs\/speech\.md/);
  });
});

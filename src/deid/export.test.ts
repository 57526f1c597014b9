import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FetchLike, guardedFetch, guardOutboundPayload } from './export.js';

// A fake external service on 127.0.0.1 that records every request body it receives.
const received: string[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push(body);
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const realFetch: FetchLike = async (target, init) => {
  const r = await fetch(target, init);
  return { status: r.status, text: () => r.text() };
};

// Hand-written note: every identifier below must stay on this side.
const IDENTIFIERS = [
  'Okafor',
  'Marguerite',
  '617-555-0142',
  'jane.okafor@example.com',
  '123-45-6789',
  '00123456',
  '3/14/2019',
  'March 20, 2019',
  '10.20.30.40',
  'https://patients.example.com/jane',
  '4111 1111 1111 1111',
];
const NOTE = `Mrs. Okafor, 93 yo, seen by Dr. Marguerite Lamb on 3/14/2019. Phone 617-555-0142, email
jane.okafor@example.com, SSN 123-45-6789, MRN: 00123456, portal https://patients.example.com/jane from 10.20.30.40.
Card 4111 1111 1111 1111 on file. Follow-up March 20, 2019. Foley removed; heparin continued.`;

describe('outbound guard', () => {
  it('lets no identifier of a note or a FHIR resource reach an external server', async () => {
    const send = guardedFetch(realFetch);
    await send(url, { json: { model: 'x', messages: [{ role: 'user', content: NOTE }] } });
    await send(url, { text: NOTE });
    await send(url, {
      json: {
        resourceType: 'Patient',
        id: 'p-okafor',
        identifier: [{ value: '00123456' }],
        name: [{ family: 'Okafor', given: ['Jane'] }],
        telecom: [{ system: 'email', value: 'jane.okafor@example.com' }],
        birthDate: '1931-02-03',
        text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${NOTE}</div>` },
      },
    });
    expect(received).toHaveLength(3);
    for (const body of received) {
      for (const id of IDENTIFIERS) expect(body).not.toContain(id);
      expect(body).not.toContain('p-okafor');
      expect(body).not.toContain('1931');
    }
    // The clinical content still goes out.
    expect(received[0]).toContain('heparin continued');
    expect(received[1]).toContain('Foley removed');
  });

  it('sends nothing when a payload cannot be processed', async () => {
    const before = received.length;
    const send = guardedFetch(realFetch);
    await expect(send(url, { text: 'binary\u0000data' })).rejects.toThrow(/could not be de-identified/);
    await expect(send(url, { text: 'x'.repeat(2_000_001) })).rejects.toThrow(/refused/);
    await expect(send(url, {})).rejects.toThrow(/exactly one/);
    expect(received.length).toBe(before);
  });

  it('refuses a payload that still holds a formatted identifier after de-identification', () => {
    // A phone number split over JSON keys is not text the de-identifier sees; the final check catches it.
    expect(() => guardOutboundPayload({ '617-555-0142': 'call back' })).toThrow(/remain/);
  });
});

describe('outbound guard with surrogates', () => {
  it('sends readable surrogates and none of the original identifiers', async () => {
    const before = received.length;
    const send = guardedFetch(realFetch, { mode: 'surrogate', patientKey: 'case-9' });
    await send(url, { text: NOTE });
    expect(received.length).toBe(before + 1);
    const body = received.at(-1)!;
    for (const id of IDENTIFIERS) expect(body).not.toContain(id);
    // Surrogate names come from a name dictionary with a per-process secret: some carry an apostrophe or a hyphen
    // ("D'amore"), so the pattern allows them.
    expect(body).toMatch(/seen by Dr\. [A-Z][A-Za-z'’-]+ [A-Z][A-Za-z'’-]+ on \d{1,2}\/\d{1,2}\/\d{4}/);
  });
});

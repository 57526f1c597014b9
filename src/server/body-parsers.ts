import type { FastifyRequest } from 'fastify';
import { decodeUtf8, rejectNulInJson } from '../app/text-input.js';
import type { HttpApp } from './http-app.js';

type Done = (error: Error | null, body?: unknown) => void;

/**
 * JSON bodies (`application/json`, and `application/fhir+json` where a route scope adds it) read strictly: the bytes
 * must be UTF-8 (RFC 8259 §8.1) — not silently decoded with U+FFFD in place of what could not be read — and no string
 * may hold a NUL character (binary data, not text); each is a 415 problem document before any route sees the body.
 * Parsing itself is Fastify's (`secure-json-parse`: `__proto__` and `constructor.prototype` keys refused, an empty
 * body a 400).
 */
export function strictJsonParser(app: HttpApp) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: Buffer, done: Done) => {
    let text: string;
    try {
      text = decodeUtf8(body, 'the request body');
    } catch (error) {
      done(error as Error);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(error);
      try {
        rejectNulInJson(text, value, 'the request body', '/body');
      } catch (nul) {
        return done(nul as Error);
      }
      done(null, value);
    });
  };
}

/**
 * Replaces Fastify's own JSON and plain-text parsers, which decode bytes that are not UTF-8 into U+FFFD without a
 * word, with strict ones (a capability scope may still add its own, as the intake does for other charsets).
 */
export function registerStrictTextParsers(app: HttpApp): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, strictJsonParser(app));
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, decodeUtf8(body as Buffer, 'the request body'));
    } catch (error) {
      done(error as Error);
    }
  });
}

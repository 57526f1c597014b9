import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exitCodeOf } from '../cli/errors.js';
import { problemOf } from '../server/error-handler.js';
import { HTTP_STATUS_OF } from '../server/problem.js';
import { type ErrorCode, fieldErrorsFromZod, HealthGptError, jsonPointer, parseOrThrow } from './errors.js';

describe('HealthGptError', () => {
  it('turns zod issues into JSON-pointer field errors (RFC 6901 escaping), under a prefix when given', () => {
    const schema = z.object({
      findings: z.array(z.object({ status: z.enum(['present', 'absent']) })),
      'a/b~c': z.number(),
    });
    const parsed = schema.safeParse({ findings: [{ status: 'present' }, { status: 'maybe' }], 'a/b~c': 'x' });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsFromZod(parsed.error!).map((e) => e.field)).toEqual(['/findings/1/status', '/a~1b~0c']);
    expect(fieldErrorsFromZod(parsed.error!, '/body').map((e) => e.field)).toEqual([
      '/body/findings/1/status',
      '/body/a~1b~0c',
    ]);
    expect(jsonPointer([])).toBe('');
    const root = z.number().safeParse('x');
    expect(fieldErrorsFromZod(root.error!)[0]!.field).toBe('/');
  });

  it('parseOrThrow returns the parsed value or throws invalid naming every field', () => {
    const schema = z.object({ age: z.number().min(0), sex: z.enum(['female', 'male']).default('female') });
    expect(parseOrThrow(schema, { age: 3 }, 'input')).toEqual({ age: 3, sex: 'female' });
    try {
      parseOrThrow(schema, { age: -1, sex: 'x' }, 'input');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HealthGptError);
      expect((error as HealthGptError).code).toBe('invalid');
      expect((error as HealthGptError).fieldErrors.map((e) => e.field)).toEqual(['/age', '/sex']);
      expect((error as HealthGptError).message).toMatch(/^input is invalid: \/age: .*; \/sex: /);
    }
  });

  it('parseOrThrow reports at most 100 field errors, with the count of all in the message and details', () => {
    const schema = z.array(z.number());
    try {
      parseOrThrow(
        schema,
        Array.from({ length: 5000 }, () => 'x'),
        'input',
      );
      expect.unreachable();
    } catch (error) {
      const e = error as HealthGptError;
      expect(e.fieldErrors).toHaveLength(100);
      expect(e.fieldErrors[99]?.field).toBe('/99');
      expect(e.details).toEqual({ errorCount: 5000, errorsShown: 100 });
      expect(e.message).toMatch(/^input is invalid: 5000 problems, the first 100: \/0: .*; and 4900 more$/);
    }
  });

  it('re-points field errors under a prefix without losing code, details or the original', () => {
    const original = HealthGptError.unprocessable('bad', [{ field: '/findings/0', message: 'x' }], {
      details: { rejectedFindings: [0] },
    });
    const moved = original.withFieldPrefix('/body');
    expect(moved.fieldErrors).toEqual([{ field: '/body/findings/0', message: 'x' }]);
    expect(moved).toMatchObject({
      code: 'unprocessable',
      details: { rejectedFindings: [0] },
      cause: original,
    });
    const none = HealthGptError.notFound('case', 'c1');
    expect(none.withFieldPrefix('/body')).toBe(none);
  });
});

describe('the one mapping of codes to adapters', () => {
  const codes = Object.keys(HTTP_STATUS_OF) as ErrorCode[];

  it('gives every code an HTTP status and a CLI exit code (invalid → 400 and 2)', () => {
    expect(codes).toHaveLength(15);
    for (const code of codes) {
      const problem = problemOf(new HealthGptError(code, `a ${code} error`));
      expect(problem.status).toBe(HTTP_STATUS_OF[code].status);
      expect(problem.code).toBe(code);
      expect(exitCodeOf(new HealthGptError(code, 'x'))).toBe(code === 'invalid' ? 2 : 1);
    }
    expect(problemOf(HealthGptError.invalid('x')).status).toBe(400);
    expect(problemOf(HealthGptError.notFound('case', 'c')).status).toBe(404);
    expect(problemOf(new HealthGptError('too-large', 'x')).status).toBe(413);
  });

  it('puts field errors and details in the problem document and never shows an internal error', () => {
    const problem = problemOf(
      HealthGptError.invalid('bad', [{ field: '/body/age', message: 'too old' }], {
        title: 'Invalid input',
        details: { row: 3 },
      }),
    );
    expect(problem).toMatchObject({
      status: 400,
      title: 'Invalid input',
      type: 'about:blank',
      detail: 'bad',
      errors: [{ field: '/body/age', message: 'too old' }],
      details: { row: 3 },
    });
    const internal = problemOf(new HealthGptError('internal', 'secret stack detail'));
    expect(internal.status).toBe(500);
    expect(internal.detail).not.toContain('secret');
  });
});

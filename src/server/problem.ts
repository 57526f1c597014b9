/**
 * Problem Details for HTTP APIs (RFC 9457, https://www.rfc-editor.org/rfc/rfc9457): every error the API returns is
 * an `application/problem+json` document with, for invalid input, the fields at fault.
 */
export interface FieldError {
  /** Where the bad value is, as a JSON pointer-like path (`/findings/0/status`). */
  readonly field: string;
  readonly message: string;
}

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly requestId?: string;
  readonly errors?: readonly FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Throw from any route handler: the server's error handler turns it into a problem document. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: readonly FieldError[],
    readonly type = 'about:blank',
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  static notFound(what: string, id: string): HttpProblem {
    return new HttpProblem(404, 'Not Found', `${what} '${id}' does not exist`);
  }

  static badRequest(detail: string, errors?: readonly FieldError[]): HttpProblem {
    return new HttpProblem(400, 'Bad Request', detail, errors);
  }

  static unprocessable(detail: string, errors?: readonly FieldError[]): HttpProblem {
    return new HttpProblem(422, 'Unprocessable Content', detail, errors);
  }
}

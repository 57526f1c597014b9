import { HealthGptError } from '../engine/errors.js';

/**
 * Bad input to the forecast ingest (code `invalid`): names the row (1-based, counting the header as row 1) and column
 * at fault so the user can fix the file; they are also in `details` (`{ row, column }`) for clients. The server
 * answers it with a 400 problem document, the CLI with one line on stderr.
 */
export class ForecastInputError extends HealthGptError {
  constructor(
    message: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super('invalid', row === undefined ? message : `row ${row}${column ? ` (${column})` : ''}: ${message}`, {
      title: 'Invalid forecast input',
      ...(row !== undefined ? { details: { row, ...(column ? { column } : {}) } } : {}),
    });
    this.name = 'ForecastInputError';
  }
}

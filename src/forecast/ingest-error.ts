/**
 * Bad input to the forecast ingest: names the row (1-based, counting the header as row 1) and column at fault so the
 * user can fix the file. Routes turn it into a 400 problem document, the CLI into one line on stderr.
 */
export class ForecastInputError extends Error {
  constructor(
    message: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(row === undefined ? message : `row ${row}${column ? ` (${column})` : ''}: ${message}`);
    this.name = 'ForecastInputError';
  }
}

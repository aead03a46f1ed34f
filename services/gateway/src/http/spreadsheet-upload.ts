/**
 * The OpenAPI request body of a spreadsheet upload: one multipart form field `file`, an .xlsx or
 * a .csv of at most `maxRows` rows (written as the description shows it, e.g. '10,000').
 */
export function spreadsheetFileSchema(maxRows: string) {
  return {
    type: 'object' as const,
    required: ['file'],
    properties: { file: { type: 'string' as const, format: 'binary', description: `.xlsx or .csv (UTF-8 or GB18030), at most ${maxRows} rows` } },
  };
}

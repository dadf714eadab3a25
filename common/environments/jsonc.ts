/** JSON with comments and trailing commas, as VS Code's settings.json allows (jsonc-parser), with errors as values. */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export type JsoncResult = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonc(input: string): JsoncResult {
  const text = input.replace(/^\uFEFF/, '');
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: false,
  });
  if (!errors.length) return { ok: true, value };
  const e = errors[0];
  const before = text.slice(0, e.offset).split('\n');
  return {
    ok: false,
    message: `${printParseErrorCode(e.error)} at line ${before.length}, column ${before[before.length - 1].length + 1}`,
  };
}

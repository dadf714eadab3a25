/**
 * The shape checks of request params, in one place for every handler (issue 10 item 8): a request whose params
 * are null or miss a field gets -32602 Invalid params, as the protocol says, instead of a TypeError (-32603).
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

/** What a request needs besides `textDocument.uri`. */
export interface ParamNeeds {
  position?: boolean;
  range?: boolean;
  diagnostics?: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPos = (v: unknown) =>
  isObj(v) &&
  Number.isInteger(v.line) &&
  Number.isInteger(v.character) &&
  (v.line as number) >= 0 &&
  (v.character as number) >= 0;
const isRange = (v: unknown) => isObj(v) && isPos(v.start) && isPos(v.end);

/** Undefined when `params` fit; otherwise the ResponseError to answer with. */
export function checkParams(method: string, params: unknown, needs: ParamNeeds = {}): ResponseError<void> | undefined {
  const bad = (what: string) => new ResponseError<void>(ErrorCodes.InvalidParams, `${method}: invalid params: ${what}`);
  if (!isObj(params))
    return bad(
      `expected an object, got ${params === null ? 'null' : Array.isArray(params) ? 'an array' : typeof params}`,
    );
  if (!isObj(params.textDocument) || typeof params.textDocument.uri !== 'string')
    return bad('textDocument.uri must be a string');
  if (needs.position && !isPos(params.position))
    return bad('position must be {line, character} with non-negative integers');
  if (needs.range && !isRange(params.range)) return bad('range must be {start, end} positions');
  if (needs.diagnostics && !(isObj(params.context) && Array.isArray(params.context.diagnostics)))
    return bad('context.diagnostics must be an array');
  return undefined;
}

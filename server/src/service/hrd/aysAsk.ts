/**
 * `Text.ask` on one line holding `@ASK` (text.py): the prompt's tags decide the answer's type, and some prompts
 * raise before asking (unknown type, `dropdown` without `dropdownvals`, a non-integer `retry`/`minValue`/`maxValue`,
 * `float`). Prompts are never shown here: the answer is the marker `ASK_MARK` (`bool` answers `1`).
 */
import { ASK_MARK, HrdPyError, hrd2machinetext, machinetext2val, pstrip } from './aysText';

const TYPES = new Set(['str', 'password', 'list', 'multiline', 'float', 'int', 'bool', 'dropdown', 'dict']);

function unquote(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The `@ASK` tags (`Tags.fromString`): `key:value` words after quote encoding, keys also lower-cased. */
export function askTags(end: string): Map<string, string> {
  const tags = new Map<string, string>();
  // eslint-disable-next-line no-control-regex -- Python's str.split() whitespace includes \v and \f
  for (const tok of hrd2machinetext(pstrip(end)).split(/[ \t\n\r\x0b\x0c]+/)) {
    const c = tok.indexOf(':');
    if (c <= 0) continue;
    const key = unquote(tok.slice(0, c));
    const v = machinetext2val(tok.slice(c + 1));
    const value = unquote(typeof v === 'string' ? v : String(v));
    tags.set(key.toLowerCase(), value);
    tags.set(key, value);
  }
  return tags;
}

function pyInt(s: string, key?: string): void {
  // eslint-disable-next-line no-control-regex -- int() strips Python's whitespace, \v and \f included
  if (!/^[ \t\n\r\x0b\x0c]*[+-]?[0-9]+[ \t\n\r\x0b\x0c]*$/.test(s))
    throw new HrdPyError('ValueError', `invalid literal for int() with base 10: '${s}'`, undefined, key);
}

/** The line with its `@ASK …` replaced by the answer, and the prompt type. */
export function askLine(line: string, key: string): { line: string; type: string } {
  const at = line.indexOf('@ASK');
  const tags = askTags(line.slice(at + 4));
  let type = tags.has('type') ? pstrip(tags.get('type')!).toLowerCase() : 'str';
  if (type === 'string') type = 'str';
  if (tags.has('retry')) pyInt(tags.get('retry')!, key);
  let result = ASK_MARK;
  if (!TYPES.has(type))
    throw new HrdPyError(
      'InputError',
      `Input type:${type} is invalid (only: bool,int,str,string,dropdown,list,dict,float)`,
      undefined,
      key,
    );
  if (type === 'float') throw new HrdPyError('InputError', 'Please provide float.', undefined, key);
  if (type === 'int') {
    if (tags.has('minValue')) pyInt(tags.get('minValue')!, key);
    if (tags.has('maxValue')) pyInt(tags.get('maxValue')!, key);
  }
  if (type === 'bool') result = '1';
  if (type === 'dropdown' && !tags.has('dropdownvals'))
    throw new HrdPyError(
      'InputError',
      'When type is dropdown in ask, then dropdownvals needs to be specified as well.',
      undefined,
      key,
    );
  if (type === 'dict') result = `\n    ${ASK_MARK},\n`;
  return { line: line.slice(0, at) + result, type };
}

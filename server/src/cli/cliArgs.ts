/**
 * The options of `install`, `reinstall`, `clean-reinstall`, `images` and `availability`, parsed by
 * node:util `parseArgs`: `--name value` or `--name=value`, where the word after a string option is its
 * value even when it starts with `-` (an SSH fingerprint, a path); booleans as a bare `--name`.
 * Bad input is a message, never a throw: `unknown option ARG` (also for `--`, a short option and a
 * boolean given a value) and `--name needs a value`. `new` and `deploy` use `parseStrictArgs`: node's
 * strict mode and its own messages (`check` too, shortened: its tests and docs quote them).
 */
import { parseArgs } from 'node:util';

type OptionSpecs = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
/** The values as `parseArgs` types them in strict mode: what is left once every token was checked. */
export type CliArgs<O extends OptionSpecs> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

export function parseCliArgs<O extends OptionSpecs>(args: string[], options: O): CliArgs<O> | string {
  const { values, positionals, tokens } = parseArgs({
    args,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const t of tokens) {
    if (t.kind === 'option-terminator') return 'unknown option --';
    if (t.kind !== 'option') continue;
    const spec = t.rawName.startsWith('--') && Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!spec || (spec.type === 'boolean' && t.inlineValue)) return `unknown option ${args[t.index]}`;
    if (spec.type === 'string' && t.value === undefined) return `${t.rawName} needs a value`;
  }
  return { values, positionals } as CliArgs<O>;
}

/** node:util `parseArgs` in strict mode with positionals; its message (not a throw) for bad input. */
export function parseStrictArgs<O extends OptionSpecs>(args: string[], options: O): CliArgs<O> | string {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

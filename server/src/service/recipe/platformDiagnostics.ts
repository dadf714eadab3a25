/** The `platform.supported` checks of a recipe's service.hrd (recipe-* rules of recipeRuleTable.ts). */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { HrdDocument } from '../hrd/HrdModel';
import { didYouMean, PLATFORMS } from './recipeFiles';
import { makeDiagnostic } from './recipeRuleTable';

export function platformDiagnostics(
  doc: HrdDocument,
  image: boolean,
  r: (s: { start: number; end: number }) => Range,
): Diagnostic[] {
  const item = doc.keys.get('platform.supported');
  if (!item) {
    if (!image) return [];
    return [
      makeDiagnostic(
        'recipe-platform',
        doc.index.range(0, doc.index.lineEnd(0)),
        "`platform.supported` is missing: AYS then installs the template on any platform. Every image recipe declares `platform.supported = 'generic'`; add it.",
        {
          severity: 'warning',
          fixes: [
            {
              title: "Add platform.supported = 'generic'",
              edits: [{ range: doc.index.range(0, 0), newText: `${'platform.supported'.padEnd(30)} = 'generic'\n\n` }],
            },
          ],
        },
      ),
    ];
  }
  const span = item.valueSpan.end > item.valueSpan.start ? item.valueSpan : item.keySpan;
  const out: Diagnostic[] = [];
  let names: string[];
  if (item.type === 'string' || item.type === 'text')
    names = String(item.value)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  else if (item.type === 'list') names = item.value as string[];
  else {
    return [
      makeDiagnostic(
        'recipe-platform',
        r(span),
        `AYS reads \`platform.supported\` as a ${item.type}, not as a list of platform names, so the platform check fails ("Cannot install … because unsupported platform"). Write platform.supported = 'generic'.`,
      ),
    ];
  }
  for (const n of names) {
    if (n.startsWith('"')) {
      const inner = n.replace(/"/g, '');
      out.push(
        makeDiagnostic(
          'recipe-platform',
          r(span),
          `AYS keeps double quotes, so the platform name is \`${n}\`, which is no platform: the install fails with "Cannot install … because unsupported platform". Write '${inner}'.`,
          {
            fixes: /^"[^"']*"$/.test(item.raw)
              ? [
                  {
                    title: `Use single quotes: '${inner}'`,
                    preferred: true,
                    edits: [{ range: r(item.valueSpan), newText: `'${inner}'` }],
                  },
                ]
              : undefined,
          },
        ),
      );
    } else if (n.startsWith("'") && item.type === 'list') {
      out.push(
        makeDiagnostic(
          'recipe-platform',
          r(span),
          `The trailing comma makes this a single-line list, and AYS keeps the quotes: the platform name is \`${n}\`, so the install fails with "Cannot install … because unsupported platform". Remove the trailing comma.`,
          {
            fixes:
              item.entries.length === 1
                ? [
                    {
                      title: `Remove the trailing comma: ${n}`,
                      preferred: true,
                      edits: [{ range: r(item.valueSpan), newText: n }],
                    },
                  ]
                : undefined,
          },
        ),
      );
    } else if (!PLATFORMS.includes(n)) {
      const dym = didYouMean(n, PLATFORMS);
      out.push(
        makeDiagnostic(
          'recipe-platform',
          r(span),
          `\`${n}\` is not a JumpScale platform name: AYS refuses to install ("Cannot install … because unsupported platform"). ${dym ? `Did you mean '${dym}'? ` : ''}Image recipes use 'generic'.`,
        ),
      );
    } else if (item.type === 'string' && !item.raw.startsWith("'")) {
      out.push(
        makeDiagnostic(
          'recipe-platform',
          r(span),
          `AYS reads this correctly, but every recipe quotes the platform: write platform.supported = '${n}'.`,
          { severity: 'information' },
        ),
      );
    }
  }
  return out;
}

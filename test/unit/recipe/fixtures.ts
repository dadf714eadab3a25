/** Recipe texts shared by the recipe tests. */
export const GOOD = [
  "platform.supported             = 'generic'",
  '',
  'web.export.1                   =',
  "    checkmd5:'false',",
  "    dest:'/opt/jumpscale7/var/tmp/templates/x-1.qcow2',",
  "    source:'/images/x-1.qcow2',",
  "    url:'ftp://pub:pub1234@ftp.example.com',",
  '',
  '',
].join('\n');

/** A recipe whose web.export.1 has exactly these raw entry lines (already written `k:'v'`). */
export function recipe(
  entries: string[],
  head = "platform.supported             = 'generic'\n\n",
  tail = '\n',
): string {
  return `${head}web.export.1                   =\n${entries.map((e) => `    ${e},`).join('\n')}\n${tail}`;
}

export const ENTRIES = {
  checkmd5: "checkmd5:'false'",
  dest: "dest:'/opt/jumpscale7/var/tmp/templates/x-1.qcow2'",
  source: "source:'/images/x-1.qcow2'",
  url: "url:'ftp://pub:pub1234@ftp.example.com'",
};

export const ALL = [ENTRIES.checkmd5, ENTRIES.dest, ENTRIES.source, ENTRIES.url];

export const with_ = (k: keyof typeof ENTRIES, v: string) => ALL.map((e) => (e === ENTRIES[k] ? v : e));
export const without = (k: keyof typeof ENTRIES) => ALL.filter((e) => e !== ENTRIES[k]);

export const SERVICE = '/ws/servicetemplates/image_x-1/service.hrd';

/** Prints the README's configuration table from the one list of settings. */
import { schema } from '../config/schema';

const rows = Object.entries(schema).map(
  ([name, setting]) =>
    `| \`${name}\` | ${setting.default === undefined ? '(unset)' : `\`${setting.default}\``} | ${setting.doc} |`,
);
console.log(['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n'));

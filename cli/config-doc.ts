/** `npm run config:doc`: writes docs/configuration.md from the one list of settings. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { configurationDoc } from '../platform/config/doc';

const file = path.join(__dirname, '..', 'docs', 'configuration.md');
writeFileSync(file, configurationDoc());
console.log(`wrote ${path.relative(process.cwd(), file)}`);

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configurationDoc } from '../../platform/config/doc';

describe('docs/configuration.md', () => {
  test('when a setting is added or its doc changes, then the page says so too (run `npm run config:doc`)', () => {
    const page = readFileSync(path.join(__dirname, '../../docs/configuration.md'), 'utf8');
    expect(page).toBe(configurationDoc());
  });
});

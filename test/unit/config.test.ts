import { loadConfig } from '../../config';

describe('configuration', () => {
  test('when nothing is set, then the embedded defaults apply', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATABASE_URL: undefined, TEMPORAL_ADDRESS: undefined, SMTP_URL: undefined, PUBLIC_URL: 'http://localhost:3000' });
    expect(config.DATA_DIR).toMatch(/\/data$/);
  });

  test('when several settings are invalid, then one error names each of them', () => {
    expect(() => loadConfig({ PORT: 'eighty', SMTP_URL: 'http://mail', LINK_SIGNING_KEYS: 'k:short' })).toThrow(
      /PORT must be a port number[\s\S]*SMTP_URL must use one of smtp:, smtps:[\s\S]*secret of key "k" is shorter than 32/,
    );
  });

  test('when signing keys are given, then the first signs and all are kept in order', () => {
    const config = loadConfig({ LINK_SIGNING_KEYS: `new:${'n'.repeat(32)}, old:${'o'.repeat(32)}` });
    expect(config.LINK_SIGNING_KEYS?.map((k) => k.kid)).toEqual(['new', 'old']);
  });
});

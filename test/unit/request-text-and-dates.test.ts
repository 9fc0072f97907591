import { isDateTime } from '../../api/validation/date-time';
import { refusedCharacter } from '../../api/validation/plain-text';

describe('dates and times the API accepts', () => {
  test.each([
    '2026-12-03T09:30:00Z',
    '2026-12-03t09:30:00.123456z',
    '0001-01-01T00:00:00+15:59',
    '9999-12-31T23:59:59-15:59',
    '2024-02-29T12:00:00+01:00',
    '2016-12-31T23:59:60Z',
  ])('when %s is given, then it is taken', (text) => {
    expect(isDateTime(text)).toBe(true);
  });

  test.each([
    ['an offset beyond what PostgreSQL stores', '0117-05-27T19:44:41-16:59'],
    ['an offset with 60 minutes', '2026-12-03T09:30:00+01:60'],
    ['year 0, which PostgreSQL has not', '0000-06-01T00:00:00Z'],
    ['a day the month does not have', '2025-02-29T00:00:00Z'],
    ['hour 24', '2026-12-03T24:00:00Z'],
    ['no offset', '2026-12-03T09:30:00'],
    ['a date alone', '2026-12-03'],
    ['a five-digit year', '10000-01-01T00:00:00Z'],
    ['words', 'yesterday'],
  ])('when %s is given, then it is refused', (_what, text) => {
    expect(isDateTime(text)).toBe(false);
  });
});

describe('plain text a person typed', () => {
  test('when a name holds a control character, then it is refused and the character named', () => {
    expect(refusedCharacter('Bad\u0001Name', 'line')).toBe('U+0001');
  });

  test.each([
    ['a right-to-left override', 'Ada\u202ELovelace', 'U+202E'],
    ['a zero-width space', 'Ada\u200BLovelace', 'U+200B'],
    ['a byte order mark', '\uFEFFAda', 'U+FEFF'],
    ['a lone surrogate', 'Ada\uD800', 'U+D800'],
    ['a line break', 'Ada\nLovelace', 'U+000A'],
    ['NUL', 'Ada\u0000', 'U+0000'],
  ])('when a name holds %s, then it is refused', (_what, text, refused) => {
    expect(refusedCharacter(text, 'line')).toBe(refused);
  });

  test.each([
    ['a plain name', 'Ada Lovelace'],
    ['a Persian name written with a zero-width non-joiner', 'مهرنوش\u200Cزاده'],
    ['an emoji sequence joined by a zero-width joiner', 'Ada 👩\u200D💻'],
    ['accents and other scripts', 'Zoë Ångström 山田'],
  ])('when a name is %s, then it is taken', (_what, text) => {
    expect(refusedCharacter(text, 'line')).toBeUndefined();
  });

  test('when a note runs over several lines with tabs, then it is taken, but not with a control character', () => {
    expect(refusedCharacter('First line\r\n\tsecond line', 'lines')).toBeUndefined();
    expect(refusedCharacter('First line\u0007', 'lines')).toBe('U+0007');
  });
});

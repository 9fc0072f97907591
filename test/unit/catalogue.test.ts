import { CATALOGUES, LANGUAGES } from '../../platform/i18n';

/** Every key of a catalogue with its text, as "a.b.c". */
function entries(tree: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') found.set(`${prefix}${key}`, value);
    else for (const [k, v] of entries(value as object, `${prefix}${key}.`)) found.set(k, v);
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  const english = entries(CATALOGUES.en);

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every key English has, and no other', (language) => {
    const other = entries(CATALOGUES[language]);
    expect([...english.keys()].filter((k) => !other.has(k))).toEqual([]);
    expect([...other.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))("%s's texts use the same placeholders as English", (language) => {
    const other = entries(CATALOGUES[language]);
    const differing = [...english].filter(([key, text]) => {
      const theirs = other.get(key);
      return theirs !== undefined && placeholders(theirs).join() !== placeholders(text).join();
    });
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('has no empty text', () => {
    for (const language of LANGUAGES)
      expect([...entries(CATALOGUES[language])].filter(([, text]) => text.trim() === '').map(([k]) => k)).toEqual([]);
  });
});

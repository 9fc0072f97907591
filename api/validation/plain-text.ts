/**
 * Text a person typed: a name or a note. Control and invisible format
 * characters are refused (they hide in names, break mail headers, and
 * PostgreSQL refuses NUL); the joiners some scripts need in real names are
 * kept; so are line breaks and tabs in multi-line text.
 */
export type TextKind = 'line' | 'lines';

/** Zero-width non-joiner and joiner: part of how Persian, Indic and emoji names are written. */
const JOINERS = /[\u200C\u200D]/g;
const LINE_BREAKS = /[\t\n\r]/g;
// Cc (controls), Cf (formats), Cs (a surrogate left alone: not text at all), and the line and paragraph separators.
const REFUSED = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;

/** The first refused character, as U+XXXX, or undefined when the text is plain. */
export function refusedCharacter(text: string, kind: TextKind): string | undefined {
  const allowed = kind === 'lines' ? text.replace(LINE_BREAKS, '').replace(JOINERS, '') : text.replace(JOINERS, '');
  const found = REFUSED.exec(allowed)?.[0];
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export const TEXT_RULE: Record<TextKind, string> = {
  line: 'must be plain text on one line, without control or invisible format characters',
  lines: 'must be plain text, without control or invisible format characters (line breaks and tabs are fine)',
};

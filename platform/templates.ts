import { Eta } from 'eta';

/**
 * The template layer of every page and mail: Eta, whose `<%= %>` escapes for
 * HTML by default (only `<%~ %>`, kept to layouts' bodies, does not). Templates
 * are read once and kept compiled.
 */
export function templates(dir: string): (name: string, data: object) => string {
  const eta = new Eta({ views: dir, cache: true, autoEscape: true, useWith: false });
  return (name, data) => eta.render(name, data);
}

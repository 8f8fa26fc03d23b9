import type { ApiIssue } from '../../../contracts/common';

/**
 * validateMappingConfig's problems read "<setting path> <what is wrong>"; the panel shows each
 * beside its field, so split the path off.
 */
export function problemsToIssues(problems: string[]): ApiIssue[] {
  return problems.map((p) => {
    const space = p.indexOf(' ');
    const path = space > 0 ? p.slice(0, space) : '';
    return /^[A-Za-z][\w.[\]-]*$/.test(path) && path !== 'the' ? { path, message: p.slice(space + 1) } : { path: '', message: p };
  });
}

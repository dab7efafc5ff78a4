import type { PrivatelinkConfig } from './model';

/** One problem found in the environment config, located by its field path. */
export interface ConfigIssue {
  /** Field path inside the file, e.g. `['environments', 'dev', 'regions', 'us-west-2', 'vpcCidr']`. */
  readonly path: readonly (string | number)[];
  /** What is wrong and what is allowed, without the path or value (those are added when printed). */
  readonly message: string;
  /** The value found at the path, when there is one. */
  readonly value?: unknown;
  /** `line:column` in the file, when known. */
  readonly position?: string;
}

/**
 * A cross-field check run on the resolved config, after the built-in ones, by whoever knows more
 * than the config does (the names module knows every resource name and AWS's length limits).
 * Its issues are reported like the built-in ones, at their line in the file.
 */
export type ConfigCheck = (config: PrivatelinkConfig) => readonly ConfigIssue[];

/** Renders a field path the way a reader finds it in YAML: `environments.dev.regions[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const plain = /^[A-Za-z0-9_-]+$/.test(segment) ? segment : JSON.stringify(segment);
      return i === 0 ? plain : `.${plain}`;
    })
    .join('');
}

function formatValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Every problem of one config file; thrown before any stack is built. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(
      [
        `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'} in the environment config; nothing was synthesized`,
        ...issues.map((issue) => `  ${ConfigError.describe(file, issue)}`),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }

  static describe(file: string, issue: ConfigIssue): string {
    const where = issue.position ? `${file}:${issue.position}` : file;
    const got = 'value' in issue && issue.value !== undefined ? ` (got ${formatValue(issue.value)})` : '';
    return `${where} ${formatPath(issue.path)}: ${issue.message}${got}`;
  }
}

/** Input checks shared by the builders; every message names the builder, the field and the value. */

/** A Terraform token (`${aws_vpc_endpoint.api.id}`) is only known at deploy time: check presence, not format. */
export function isToken(value: string): boolean {
  return value.includes('${');
}

export function requireNonEmpty(builder: string, field: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${builder}: ${field} must be a non-empty string; got ${JSON.stringify(value)}`);
  }
}

export function requireNonEmptyList(builder: string, field: string, values: readonly string[]): void {
  if (!Array.isArray(values) || values.length === 0) {
    throw new Error(`${builder}: ${field} must name at least one value; got ${JSON.stringify(values)}`);
  }
  values.forEach((value, i) => requireNonEmpty(builder, `${field}[${i}]`, value));
}

/** Literal values must match `pattern`; tokens pass, their value is checked by AWS at apply. */
export function requireFormat(builder: string, field: string, value: string, pattern: RegExp, allowed: string): void {
  requireNonEmpty(builder, field, value);
  if (!isToken(value) && !pattern.test(value)) {
    throw new Error(`${builder}: ${field} must be ${allowed}; got ${JSON.stringify(value)}`);
  }
}

/**
 * A CIDR as a construct id part (`192.168.0.0/16` -> `192-168-0-0-16`; Terraform logical ids drop dots): construct ids of collections
 * come from their logical key, so removing one element never renames, and so replaces, the others.
 */
export function cidrKey(cidr: string): string {
  return cidr.replace(/[./]/g, '-');
}

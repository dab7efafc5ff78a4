/**
 * cdktf's HCL renderer writes a string that holds a Terraform reference (`${...}`) without
 * escaping its quotes, so a policy rendered as literal JSON with a reference in it
 * (`"{"Principal":{"AWS":"${aws_iam_role.x.arn}"}}"`) is not valid HCL. This rewrites such
 * `name = "..."` lines of a written `cdk.tf`: quotes and backslashes outside `${...}` are escaped,
 * `%{` (a template directive in HCL) becomes `%%{`; references stay references.
 */
export function escapeHclStringLines(hcl: string): string {
  return hcl
    .split('\n')
    .map((line) => {
      const match = /^(\s*(?:[A-Za-z_][\w-]*|"[^"]+") = )"(.*)"$/.exec(line);
      if (!match || !match[2].includes('${') || !/(^|[^\\])"/.test(match[2])) return line;
      return `${match[1]}"${escapeOutsideReferences(match[2])}"`;
    })
    .join('\n');
}

function escapeOutsideReferences(text: string): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('${', i)) {
      const end = referenceEnd(text, i);
      result += text.slice(i, end);
      i = end;
    } else if (text.startsWith('%{', i)) {
      result += '%%{';
      i += 2;
    } else {
      const char = text[i];
      result += char === '"' || char === '\\' ? `\\${char}` : char;
      i += 1;
    }
  }
  return result;
}

/** The index just past the `}` that closes the reference opened at `start`, braces nested. */
function referenceEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * cdktf's HCL renderer drops `project` from a `cloud` block's `workspaces` (the JSON keeps it), so
 * an HCL stack would land in the organization's default project. Puts it back after the
 * workspace's `name`.
 */
export function addCloudWorkspaceProject(hcl: string, project: string): string {
  const cloud = hcl.indexOf('\ncloud {\n');
  if (cloud < 0) throw new Error('addCloudWorkspaceProject: the stack has no cloud block');
  const name = /\nworkspaces \{\nname = "[^"\n]*"\n/.exec(hcl.slice(cloud));
  if (!name) throw new Error('addCloudWorkspaceProject: the cloud block names no workspace');
  if (/\nproject = /.test(hcl.slice(cloud, cloud + name.index + name[0].length + 40))) return hcl;
  const at = cloud + name.index + name[0].length;
  return `${hcl.slice(0, at)}project = ${JSON.stringify(project)}\n${hcl.slice(at)}`;
}

/** A problem with the environment or the synth output, found before any stack is checked. */
export class TerraformCheckError extends Error {
  override readonly name = 'TerraformCheckError';
}

/** What a command prints: the answer on stdout, notes (skipped lines, warnings) on stderr. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

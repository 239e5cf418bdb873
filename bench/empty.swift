// The floor of any Swift command-line tool: a program that does nothing, built the
// way cone-shell's release binary is (static Swift runtime, no PIE, stripped).

/** The diagnosis engine's public surface: pure, for the site, the CLI and the MCP server alike. */
export { diagnose, type Diagnosis, type DiagnoseResult, type DiagnoseOptions } from './engine.ts';
export { buildDiagnosisIndex, type DiagnosisIndex, type DiagnosisSource, type DiagnosisDoc } from './index-data.ts';
export { compileSignature, foldLine, type CompiledSignature } from './signature-match.ts';
export { readLog, maskVariables, words, LINE_CAP, MAX_LINES } from './lines.ts';

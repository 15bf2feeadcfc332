#!/usr/bin/env node
// `npm run build`: bundles the server into build/ with esbuild, so `bifrost serve` loads a handful of
// files instead of some 1,460 modules, ours and our dependencies (loading them was most of its
// start-up). Outputs:
//   build/cli/main.js             the entry point bin/bifrost imports (commands only; the server is a chunk
//                                 loaded when a command needs it, so `bifrost --help` stays light)
//   build/chunks/*.js             code shared by the entry points and what is loaded lazily
//   build/store/migrations/*.js   one file per migration, where src/store/migrate.ts looks for them
// plus the non-TypeScript files the server reads at run time (the common-password list), and
// build/.built so bin/bifrost can tell a build from a stale one. Type-checking is `npm run typecheck`.
//
// Dependencies are bundled too, except native addons and optional ones that may be missing; packages
// serving files from their own folder are bundled with their __dirname pointing at that folder as
// installed.
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'build');

// esbuild is a dev dependency (the same release tsx and Vite use): building is a development step;
// the packed tarball ships build/ already bundled.
const esbuild = await import('esbuild');

const EXTERNAL = [
  // native addons (they load their binary from their own folder)
  'better-sqlite3',
  '@node-rs/argon2',
  // optional native helpers that pg and ws try to load
  'pg-native',
  'bufferutil',
  'utf-8-validate',
  // loaded by pino only for transports (worker threads), which Bifrost does not use
  'pino-pretty',
  'thread-stream',
];

/**
 * Code bundled into build/cli/main.js or build/chunks/ no longer sits where `tsc` would have put it,
 * but src/ finds files relative to its own module (../package.json, ../../web/dist/, ./migrations,
 * ./common-passwords.txt). So every src module that reads import.meta gets the URL its compiled file
 * would have had (build/<path>.js), computed from the build root: one folder up from main.js and
 * from every chunk (checked after the build).
 */
const importMetaPlugin = {
  name: 'bifrost-import-meta',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      let code = await readFile(args.path, 'utf8');
      if (!code.includes('import.meta')) return undefined;
      const rel = relative(src, args.path).split(sep).join('/').replace(/\.ts$/, '.js');
      const url = `new URL(${JSON.stringify(rel)}, new URL('../', import.meta.url)).href`;
      code = code
        .replaceAll('import.meta.dirname', `__bifrostFileUrlToPath(new URL('.', ${url}))`)
        .replaceAll('import.meta.filename', `__bifrostFileUrlToPath(${url})`)
        .replaceAll('import.meta.url', url);
      if (code.includes('__bifrostFileUrlToPath')) code = `import { fileURLToPath as __bifrostFileUrlToPath } from 'node:url';\n${code}`;
      return { contents: code, loader: 'ts' };
    });
  },
};

/**
 * Packages that serve files from their own folder (Mercurius: GraphiQL; Swagger UI: its pages) find it
 * with __dirname, which a bundle does not have. Each such use becomes the folder of the same file as
 * installed, resolved at run time (wherever npm put the package), so the code is bundled, the files stay.
 */
const PACKAGE_DIRS = /[\\/]node_modules[\\/](mercurius|@fastify[\\/]swagger-ui)[\\/].*\.js$/;
const packageDirPlugin = {
  name: 'bifrost-package-dirname',
  setup(build) {
    build.onLoad({ filter: PACKAGE_DIRS }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const code = await readFile(args.path, 'utf8');
      if (!code.includes('__dirname')) return undefined;
      const file = args.path.split(sep).join('/').replace(/^.*\/node_modules\//, '');
      return { contents: code.replaceAll('__dirname', `__bifrostPackageDir(${JSON.stringify(file)})`), loader: 'js' };
    });
  },
};

/**
 * graphql ships a CommonJS and an ES copy, and refuses a schema made by the other. Mercurius require()s
 * the CommonJS one; src/graphql/graphql-js.ts reaches it through createRequire, which a bundler cannot
 * follow. In the bundle it becomes a plain require, so both share the one bundled CommonJS copy.
 */
const graphqlCopyPlugin = {
  name: 'bifrost-graphql-copy',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]graphql[\\/]graphql-js\.ts$/ }, () => ({
      contents: "export const graphqlJs = require('graphql');\n",
      loader: 'js',
    }));
  },
};

const migrations = Object.fromEntries(
  readdirSync(join(src, 'store', 'migrations'))
    .filter((f) => /^\d{3}-[a-z0-9-]+\.ts$/.test(f))
    .map((f) => [`store/migrations/${f.replace(/\.ts$/, '')}`, join(src, 'store', 'migrations', f)]),
);

rmSync(out, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { 'cli/main': join(src, 'cli', 'main.ts'), ...migrations },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external: EXTERNAL,
  // CommonJS dependencies call require(); an ES module has none unless it makes one.
  banner: {
    js: [
      "import { createRequire as __bifrostCreateRequire } from 'node:module';",
      "import { dirname as __bifrostDirname } from 'node:path';",
      'const require = __bifrostCreateRequire(import.meta.url);',
      'const __bifrostPackageDir = (file) => __bifrostDirname(require.resolve(file));',
    ].join('\n'),
  },
  // Fastify and its plugins read function names (plugin names, hook names in errors).
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [graphqlCopyPlugin, importMetaPlugin, packageDirPlugin],
});

// The import.meta rewrite assumes every output holding src code is one folder below build/.
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith('.js')) continue;
  const depth = relative(out, join(root, file)).split(sep).length;
  const rewritten = Object.keys(meta.inputs).filter((input) => input.startsWith('src/') && !input.startsWith('src/store/migrations/'));
  if (rewritten.length > 0 && depth !== 2) throw new Error(`${file} holds ${rewritten[0]} but is not one folder below build/`);
}

// `bifrost --help` and `bifrost config check` must not load the server: nothing main.js imports
// statically (itself and the chunks it pulls in before running) may hold Fastify, Mercurius or the runtime.
const outputs = result.metafile.outputs;
const mainOut = Object.keys(outputs).find((f) => f.endsWith('cli/main.js'));
const eager = new Set([mainOut]);
for (const file of eager) for (const imp of outputs[file].imports) if (imp.kind === 'import-statement' && outputs[imp.path]) eager.add(imp.path);
for (const file of eager) {
  const server = Object.keys(outputs[file].inputs).find((input) => /node_modules\/(fastify|mercurius)\/|^src\/(runtime|http\/app)\.ts$/.test(input));
  if (server) throw new Error(`the CLI entry loads ${server} before any command runs (through ${file}); import it inside the command`);
}

function* assets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing') yield* assets(path);
    } else if (/\.txt$/.test(entry.name)) yield path;
  }
}
for (const file of assets(src)) cpSync(file, join(out, relative(src, file)));
writeFileSync(join(out, '.built'), `${new Date().toISOString()}\n`);
process.stdout.write('[bifrost] server bundled into build/\n');

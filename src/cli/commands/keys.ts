/** `bifrost keys …`: generate, rotate, rewrap, status and remove encryption keys. */
import type { Command } from 'commander';
import { configFlags, loadConfigOrExit, commandRuntime, type CliIo } from '../shared.ts';

// The keyring, the rewrap and the progress bar load when a keys command runs (`bifrost --help` stays light).
const keyring = () => import('../../crypto/keyring.ts');
const keyUsageModule = () => import('../../crypto/key-usage.ts');

export function registerKeys(program: Command, io: CliIo): void {
  const keys = program.command('keys').description('manage the encryption keys that protect stored secrets');

  keys
    .command('generate')
    .description('print a new key spec (id:base64) for BIFROST_ENCRYPTION_KEYS; stores nothing')
    .option('--id <id>', 'key id (default: a fresh unique id such as k1-3f9a0c1e7b2d)')
    .action(async (flags: { id?: string }) => {
      const { generateKeySpec, newKeyId } = await keyring();
      io.out(generateKeySpec(flags.id ?? newKeyId([])));
    });

  configFlags(keys.command('rotate').description('add a new active key (old keys keep decrypting); then run `keys rewrap`')).action(
    async (flags: Record<string, unknown>) => {
      const config = await loadConfigOrExit(io, flags);
      const { CONFIG_KEY_SOURCE, keyFilePath, newKeyId, rotateKeyFile } = await keyring();
      if (config.encryption.keys.length > 0) {
        const next = newKeyId(config.encryption.keys.map((k) => k.split(':')[0]!));
        io.err(`bifrost: keys come from configuration (${CONFIG_KEY_SOURCE}), which Bifrost cannot edit.`);
        io.err(`  Put a new key first in that list, e.g. ${next}:<base64> from \`bifrost keys generate --id ${next}\`,`);
        io.err('  restart every instance, then run `bifrost keys rewrap`.');
        return io.exit(1);
      }
      const rt = await commandRuntime(config);
      try {
        const id = rotateKeyFile(config.data_dir);
        io.out(`added key ${id} to ${keyFilePath(config.data_dir)}; it is now active after a restart. Run \`bifrost keys rewrap\` next.`);
      } finally {
        await rt.close();
      }
    },
  );

  configFlags(keys.command('rewrap').description('re-encrypt every stored secret under the active key (idempotent, safe to interrupt)'))
    .option('--batch-size <n>', 'rows per transaction', '500')
    .action(async (flags: Record<string, unknown>) => {
      const config = await loadConfigOrExit(io, flags);
      const [{ SingleBar, Presets }, { rewrapAll }] = await Promise.all([import('cli-progress'), import('../../crypto/rewrap.ts')]);
      const rt = await commandRuntime(config);
      const bar = new SingleBar({ format: ' {column} [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic);
      let started = false;
      try {
        const result = await rewrapAll(rt.store, rt.keyring, {
          batchSize: Number(flags.batchSize) || 500,
          onProgress: ({ column, done, total }) => {
            const label = `${column.table}.${column.column}`;
            if (!started) {
              bar.start(total, done, { column: label });
              started = true;
            } else {
              bar.setTotal(total);
              bar.update(done, { column: label });
            }
          },
        });
        if (started) bar.stop();
        io.out(`rewrapped ${result.rewrapped} secrets under key ${rt.keyring.active().id}`);
        for (const f of result.failed) io.err(`  could not decrypt ${f.table}.${f.column} row ${f.id}: ${f.reason}`);
        if (result.failed.length > 0) io.exit(1);
      } finally {
        await rt.close();
      }
    });

  configFlags(keys.command('status').description('show the keys and how many stored secrets each one encrypts')).action(
    async (flags: Record<string, unknown>) => {
      const config = await loadConfigOrExit(io, flags);
      const { keyUsage, NOT_AN_ENVELOPE } = await keyUsageModule();
      const rt = await commandRuntime(config);
      try {
        const usage = await keyUsage(rt.store, { knownIds: rt.keyring.ids() });
        const active = rt.keyring.active().id;
        io.out(`keys from ${rt.keyring.source}`);
        for (const id of rt.keyring.ids()) io.out(`  ${id}${id === active ? ' (active)' : ''}: ${usage.get(id) ?? 0} rows`);
        for (const [id, n] of usage) {
          if (id === NOT_AN_ENVELOPE) io.out(`  not an envelope (damaged or foreign values): ${n} rows`);
          else if (!rt.keyring.ids().includes(id)) io.out(`  ${id} (MISSING from keyring): ${n} rows`);
        }
      } finally {
        await rt.close();
      }
    },
  );

  configFlags(keys.command('remove').description('retire a key that no stored secret uses any more').argument('<id>', 'key id')).action(
    async (id: string, flags: Record<string, unknown>) => {
      const config = await loadConfigOrExit(io, flags);
      if (config.encryption.keys.length > 0) {
        io.err('bifrost: keys come from configuration; remove it from BIFROST_ENCRYPTION_KEYS once `keys status` shows 0 rows for it.');
        return io.exit(1);
      }
      const [{ keyUsage }, { removeFromKeyFile }] = await Promise.all([keyUsageModule(), keyring()]);
      const rt = await commandRuntime(config);
      try {
        const used = (await keyUsage(rt.store, { knownIds: [id] })).get(id) ?? 0;
        if (used > 0) {
          io.err(`bifrost: key ${id} still encrypts ${used} stored secrets; run \`bifrost keys rewrap\` first`);
          return io.exit(1);
        }
        removeFromKeyFile(config.data_dir, id);
        io.out(`removed key ${id}`);
      } catch (err) {
        io.err(`bifrost: ${(err as Error).message}`);
        return io.exit(1);
      } finally {
        await rt.close();
      }
    },
  );
}

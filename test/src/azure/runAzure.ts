import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ArmStandIn } from './standin/armStandIn';

const REPO = path.resolve(__dirname, '../../..');

export interface AzureRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A folder with nothing in it: PATH for runs that must not find `az`, `azd` or `pwsh`, HOME for none of their logins. */
export const EMPTY_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ztlint-azure-empty-'));
after(() => fs.rmSync(EMPTY_DIR, { recursive: true, force: true }));

/**
 * The environment a run sees: none of the machine's own, so no real login or endpoint can be used. With a
 * stand-in, it is the App Service managed identity (IDENTITY_ENDPOINT and IDENTITY_HEADER) and the stand-in's
 * Resource Manager.
 */
export function standInEnv(standIn: ArmStandIn | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: EMPTY_DIR,
    HOME: EMPTY_DIR,
    ...(standIn ? { ZTLINT_ARM_ENDPOINT: standIn.armEndpoint, IDENTITY_ENDPOINT: standIn.identityEndpoint, IDENTITY_HEADER: standIn.identityHeader } : {}),
    ...extra,
  };
}

/** `ztlint azure ...` as a process; asynchronous, so that the stand-in in this process can answer it. */
export function runAzure(env: NodeJS.ProcessEnv, args: readonly string[], cwd = REPO): Promise<AzureRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, 'server/bin/ztlint.js'), 'azure', ...args], { env, cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

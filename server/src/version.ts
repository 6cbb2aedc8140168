import * as fs from 'node:fs';
import * as path from 'node:path';

/** The package version, read once from the package manifest that ships beside the compiled code. */
export const TOOL_VERSION: string = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

export const TOOL_NAME = 'ztlint';
export const TOOL_INFORMATION_URI = 'https://github.com/ztlint/ztlint';

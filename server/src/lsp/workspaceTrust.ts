import type { InitializeParams } from 'vscode-languageserver/node';

/**
 * Whether the editor trusts the workspace: `initializationOptions.workspaceTrusted`, which the VS Code client
 * sends (and answers a grant of trust with a new server). Editors with no notion of trust send nothing and are
 * trusted, as they run whatever the workspace holds anyway.
 *
 * In an untrusted workspace nothing from the workspace may change what code runs. One config setting loads code:
 * `customRules`, honoured only when this returns true (`workspaceCatalogue`). The others (`rules`, `exclude`,
 * `strict`, `analysisTimeoutMs`) only choose among the rules and the workspace's own files, so they apply whether
 * the workspace is trusted or not.
 */
export function isWorkspaceTrusted(params: InitializeParams): boolean {
  const options = params.initializationOptions as { readonly workspaceTrusted?: unknown } | undefined;
  return options?.workspaceTrusted !== false;
}

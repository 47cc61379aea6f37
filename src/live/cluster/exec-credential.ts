/**
 * Runs a kubeconfig exec credential plugin (`users[].user.exec`) ourselves instead of through
 * client-node, whose runner has no timeout and leaves stdin open: a plugin that waits for input (a login
 * prompt, a device-code flow) would hang the diff forever. Here it runs with stdin closed, without a
 * terminal, told `interactive: false`, and is killed after a deadline. Its token is added to the redactor
 * before anything else happens with it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import type { Cluster } from '@kubernetes/client-node';
import { clusterFailure } from './cluster-failure.js';
import type { Redactor } from './redact.js';

const execConfigSchema = z.object({
  command: z.string().min(1),
  args: z.array(z.string()).nullish(),
  env: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
  apiVersion: z.string().optional(),
  installHint: z.string().optional(),
  interactiveMode: z.enum(['Never', 'IfAvailable', 'Always']).optional(),
  provideClusterInfo: z.boolean().optional(),
});

const execCredentialSchema = z.object({
  kind: z.literal('ExecCredential'),
  status: z.object({
    token: z.string().optional(),
    clientCertificateData: z.string().optional(),
    clientKeyData: z.string().optional(),
    expirationTimestamp: z.string().optional(),
  }),
});

export interface ExecCredential {
  readonly token?: string;
  readonly clientCertificateData?: string;
  readonly clientKeyData?: string;
  readonly expirationTimestamp?: string;
  /** The plugin command, for messages. */
  readonly command: string;
}

export interface RunExecPluginOptions {
  readonly userName: string;
  /** Directory of the kubeconfig that defined the user: a relative command with a "/" resolves against it. */
  readonly kubeconfigDirectory: string | undefined;
  readonly cluster: Cluster;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
}

const maxOutput = 1024 * 1024;

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ').slice(0, 500);
}

/** Runs the plugin and returns its credential, or throws RG756 (failed) / RG757 (timed out). */
export async function runExecPlugin(rawExec: unknown, options: RunExecPluginOptions, redactor: Redactor): Promise<ExecCredential> {
  const where = `users.${options.userName}.exec`;
  const parsed = execConfigSchema.safeParse(rawExec);
  if (!parsed.success) {
    throw clusterFailure(redactor, 'RG756', where, `The exec credential plugin of user "${options.userName}" is not configured correctly: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'exec'}: ${i.message}`).join('; ')}.`);
  }
  const exec = parsed.data;
  const command = exec.command.includes('/') && !path.isAbsolute(exec.command) && options.kubeconfigDirectory !== undefined
    ? path.resolve(options.kubeconfigDirectory, exec.command)
    : exec.command;
  const name = `credential plugin \`${exec.command}\` (user "${options.userName}")`;
  if (exec.interactiveMode === 'Always') {
    throw clusterFailure(redactor, 'RG756', where, `The ${name} needs an interactive terminal (interactiveMode: Always), which rivven-gitops never provides.`);
  }
  const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1';
  const execInfo = {
    apiVersion,
    kind: 'ExecCredential',
    spec: {
      interactive: false,
      ...(exec.provideClusterInfo ? { cluster: { server: options.cluster.server, ...(options.cluster.caData ? { 'certificate-authority-data': options.cluster.caData } : {}), 'insecure-skip-tls-verify': options.cluster.skipTLSVerify } } : {}),
    },
  };
  const env: NodeJS.ProcessEnv = { ...options.env, KUBERNETES_EXEC_INFO: JSON.stringify(execInfo) };
  for (const e of exec.env ?? []) env[e.name] = e.value;

  const stdout = await new Promise<string>((resolve, reject) => {
    // stdin closed, own process group: a plugin that prompts reads EOF, and on timeout its children die too.
    const child = spawn(command, exec.args ?? [], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
    let out = '';
    let err = '';
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      finish(() => reject(clusterFailure(redactor, 'RG757', where,
        `The ${name} did not answer within ${options.timeoutMs / 1000} s and was stopped; it may be waiting for input (it runs with stdin closed and interactive: false).${lastLines(err, 3) ? ` Its last output: ${lastLines(err, 3)}` : ''}`)));
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => { if (out.length < maxOutput) out += chunk; });
    child.stderr.on('data', (chunk: string) => { if (err.length < maxOutput) err += chunk; });
    child.on('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'ENOENT' && exec.installHint ? exec.installHint : undefined;
      const why = error.code === 'ENOENT' ? 'is not installed or not on PATH' : `could not be started (${error.code ?? error.message})`;
      finish(() => reject(clusterFailure(redactor, 'RG756', where, `The ${name} ${why}.`, hint)));
    });
    child.on('close', (code, signal) => {
      if (code === 0) return finish(() => resolve(out));
      const status = code === null ? `was killed by ${signal ?? 'a signal'}` : `exited with code ${code}`;
      finish(() => reject(clusterFailure(redactor, 'RG756', where, `The ${name} ${status}${err.trim() ? `: ${lastLines(err, 5)}` : ''}.`)));
    });
  });

  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw clusterFailure(redactor, 'RG756', where, `The ${name} printed something that is not an ExecCredential JSON object.`);
  }
  const credential = execCredentialSchema.safeParse(json);
  if (!credential.success) {
    throw clusterFailure(redactor, 'RG756', where, `The ${name} printed JSON that is not an ExecCredential (kind ExecCredential with status.token or client certificate data).`);
  }
  const { token, clientCertificateData, clientKeyData, expirationTimestamp } = credential.data.status;
  redactor.add(token);
  redactor.add(clientKeyData);
  if (token === undefined && (clientCertificateData === undefined || clientKeyData === undefined)) {
    throw clusterFailure(redactor, 'RG756', where, `The ${name} returned an ExecCredential with neither a token nor a client certificate and key.`);
  }
  return {
    command: exec.command,
    ...(token === undefined ? {} : { token }),
    ...(clientCertificateData === undefined ? {} : { clientCertificateData }),
    ...(clientKeyData === undefined ? {} : { clientKeyData }),
    ...(expirationTimestamp === undefined ? {} : { expirationTimestamp }),
  };
}

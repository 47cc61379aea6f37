/**
 * Broker TLS: the cert-manager Certificate (both targets: the operator only consumes a Secret by name)
 * and the Secret names the broker pods mount. DNS names depend on the namespace, so the Certificate is
 * rendered per environment.
 */
import type { ResolvedConfig, ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { brokerNames, commonLabels } from './names.js';
import { httpListenerScheme } from '../facts/rivvend.js';

/** cert-manager's own default lifetime, written out so the manifest says what it gets. */
const defaultDuration = '2160h';

/** The Secret holding the broker's `tls.crt`/`tls.key`, or undefined when TLS is off or has no source. */
export function brokerTlsSecretName(config: Pick<ResolvedConfig, 'cluster'>): string | undefined {
  const { tls } = config.cluster;
  if (!tls.enabled) return undefined;
  return tls.existingSecret ?? (tls.certManager ? brokerNames(config).certificate : undefined);
}

/**
 * The scheme of the broker HTTP API (9094): with a certificate mounted, rivvend serves it over TLS
 * (fact table: rivvendListeners.http). Probes, monitors, policies and the runbook all ask this.
 */
export function brokerHttpScheme(config: Pick<ResolvedConfig, 'cluster'>): 'http' | 'https' {
  return httpListenerScheme(brokerTlsSecretName(config) !== undefined);
}

/**
 * Every name a client or a peer broker may dial: the client Service in its short and qualified forms,
 * each broker pod through the headless Service (wildcard), and the external Service's in-cluster name.
 */
export function brokerDnsNames(config: Pick<ResolvedConfig, 'cluster' | 'namespace'>): string[] {
  const names = brokerNames(config);
  const ns = config.namespace;
  const qualified = (svc: string) => [svc, `${svc}.${ns}`, `${svc}.${ns}.svc`, `${svc}.${ns}.svc.cluster.local`];
  const headless = names.headlessService;
  const generated = [
    ...qualified(names.clientService),
    `${headless}.${ns}.svc`,
    `${headless}.${ns}.svc.cluster.local`,
    `*.${headless}.${ns}.svc`,
    `*.${headless}.${ns}.svc.cluster.local`,
    ...(config.cluster.external?.enabled ? qualified(names.externalService) : []),
  ];
  return [...new Set([...generated, ...(config.cluster.tls.certManager?.dnsNames ?? [])])];
}

/** The broker Certificate when TLS is issued by cert-manager; nothing otherwise. */
export function renderBrokerCertificate(env: ResolvedEnvironment): K8sObject[] {
  const { config } = env;
  const { tls } = config.cluster;
  // An existing Secret wins over cert-manager (validation refuses both with RG318), so a Certificate
  // would only write a Secret nobody mounts.
  if (!tls.enabled || tls.certManager === undefined || tls.existingSecret !== undefined) return [];
  const cm = tls.certManager;
  const name = brokerNames(config).certificate;
  return [
    k8sObject('cert-manager.io/v1', 'Certificate', { name, namespace: config.namespace, labels: commonLabels(env, 'broker') }, {
      spec: {
        secretName: name,
        issuerRef: { name: cm.issuerRef.name, kind: cm.issuerRef.kind, group: cm.issuerRef.group },
        dnsNames: brokerDnsNames(config),
        duration: cm.duration ?? defaultDuration,
        renewBefore: cm.renewBefore,
        // Client auth too: brokers dial each other (Raft over HTTPS on 9094) with the same certificate.
        // Digital signature is the key usage an ECDSA TLS key needs (key encipherment is an RSA usage).
        usages: ['digital signature', 'server auth', 'client auth'],
        privateKey: {
          // A renewed certificate gets a new key, so a leaked key expires with its certificate.
          rotationPolicy: 'Always',
          algorithm: 'ECDSA',
          size: 256,
          // PKCS#8 is the one PEM key encoding every rustls key loader accepts; cert-manager's default
          // (PKCS#1/SEC1 "EC PRIVATE KEY") is refused by loaders that only read PKCS#8.
          encoding: 'PKCS8',
        },
      },
    }),
  ];
}

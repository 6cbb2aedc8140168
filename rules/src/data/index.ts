import type { Rule } from 'ztlint/lint/ruleApi';
import { dataHttpsOnly } from './data-https-only';
import { dataPublicNetworkAccess } from './data-public-network-access';
import { dataTlsVersion } from './data-tls-version';

export const dataRules: readonly Rule[] = [dataPublicNetworkAccess, dataTlsVersion, dataHttpsOnly];

import type { Rule } from 'ztlint/lint/ruleApi';
import { networkNsgOpenToInternet } from './network-nsg-open-to-internet';
import { networkSubnetWithoutNsg } from './network-subnet-without-nsg';

export const networkRules: readonly Rule[] = [networkNsgOpenToInternet, networkSubnetWithoutNsg];

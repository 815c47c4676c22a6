/**
 * AWS's billing codes per region: the prefix of a Price List `usagetype` outside us-east-1
 * (`APN1-Fargate-GB-Hours` in ap-northeast-1). us-east-1 is inconsistent: some services prefix
 * `USE1-` (Fargate, API Gateway), others none (`Aurora:ServerlessV2Usage`, `Lambda-GB-Second`), so
 * both spellings are tried there. From AWS's "Region billing codes" table.
 */
const BILLING_CODES: Readonly<Record<string, string>> = {
  'af-south-1': 'AFS1',
  'ap-east-1': 'APE1',
  'ap-east-2': 'APE2',
  'ap-northeast-1': 'APN1',
  'ap-northeast-2': 'APN2',
  'ap-northeast-3': 'APN3',
  'ap-south-1': 'APS3',
  'ap-south-2': 'APS5',
  'ap-southeast-1': 'APS1',
  'ap-southeast-2': 'APS2',
  'ap-southeast-3': 'APS4',
  'ap-southeast-4': 'APS6',
  'ap-southeast-5': 'APS7',
  'ap-southeast-6': 'APS8',
  'ap-southeast-7': 'APS9',
  'ca-central-1': 'CAN1',
  'ca-west-1': 'CAN2',
  'cn-north-1': 'CNN1',
  'cn-northwest-1': 'CNW1',
  'eu-central-1': 'EUC1',
  'eu-central-2': 'EUC2',
  'eu-north-1': 'EUN1',
  'eu-south-1': 'EUS1',
  'eu-south-2': 'EUS2',
  'eu-west-1': 'EU',
  'eu-west-2': 'EUW2',
  'eu-west-3': 'EUW3',
  'il-central-1': 'ILC1',
  'me-central-1': 'MEC1',
  'me-south-1': 'MES1',
  'mx-central-1': 'MXC1',
  'sa-east-1': 'SAE1',
  'us-east-1': 'USE1',
  'us-east-2': 'USE2',
  'us-gov-east-1': 'UGE1',
  'us-gov-west-1': 'UGW1',
  'us-west-1': 'USW1',
  'us-west-2': 'USW2',
}

/** The usagetype prefix of a region, or null for a region this table does not know. */
export function billingCode(region: string): string | null {
  return BILLING_CODES[region] ?? null
}

/** The region a billing code stands for (`APN1` -> ap-northeast-1), or null for one this table does not know. */
export function regionOfBillingCode(code: string): string | null {
  return Object.entries(BILLING_CODES).find(([, c]) => c === code)?.[0] ?? null
}

/** A region name as AWS spells them (`ap-northeast-1`, `us-gov-west-1`): anything else is a typo. */
export function isRegionName(text: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(text)
}

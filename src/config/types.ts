import type {Static} from '@sinclair/typebox'

import type {CONFIG_SCHEMA, POLICY_SCHEMA} from './schema.js'

/** miyabi.yaml, version 1: the type of what CONFIG_SCHEMA accepts (derived, never written by hand). */
export type MiyabiConfig = Static<typeof CONFIG_SCHEMA>

/** The aws: section: the live resources that status, scale and later commands operate on. */
export type AwsConfig = NonNullable<MiyabiConfig['aws']>

/** One entry under policies: (durations are strings such as 5m). */
export type PolicyConfig = Static<typeof POLICY_SCHEMA>
